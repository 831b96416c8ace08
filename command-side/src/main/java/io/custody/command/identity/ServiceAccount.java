package io.custody.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CreateServiceAccount;
import io.custody.api.identity.RevokeServiceAccount;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountId;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.common.Rejections;
import io.custody.command.common.DisplayNames;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An API client of one organisation, bound to roles, with a revocable bearer token stored as its SHA-256 only. */
@Aggregate
public class ServiceAccount {

    @AggregateIdentifier
    private ServiceAccountId serviceAccount;
    private OrganisationId organisation;
    private boolean revoked;

    protected ServiceAccount() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public ServiceAccount(CreateServiceAccount command, Clock clock) {
        List<String> name = DisplayNames.violations(command.name());
        if (!name.isEmpty()) {
            throw Rejections.because(Reason.INVALID_TEXT, "Invalid service account", Map.of("name", name));
        }
        var roles = RoleSets.violations(command.roles());
        if (!roles.isEmpty()) throw Rejections.invalid("Invalid service account", roles);
        if (command.tokenHash() == null || !command.tokenHash().matches("[0-9a-f]{64}")) {
            throw Rejections.invalid("Invalid service account", "tokenHash", "must be a SHA-256 in hex");
        }
        apply(new ServiceAccountCreated(command.serviceAccount(), command.organisation(), command.name().strip(),
                EnumSet.copyOf(command.roles()), command.tokenHash(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeServiceAccount command, @MetaDataValue(Caller.ORGANISATION) String callerOrganisation,
                       Clock clock) {
        if (!Tenancy.visibleTo(callerOrganisation, organisation)) {
            throw Rejections.because(Reason.SERVICE_ACCOUNT_NOT_FOUND, "No service account " + serviceAccount);
        }
        if (!revoked) {
            apply(new ServiceAccountRevoked(serviceAccount, organisation, clock.instant()));
        }
    }

    @EventSourcingHandler
    void on(ServiceAccountCreated event) {
        serviceAccount = event.serviceAccount();
        organisation = event.organisation();
    }

    @EventSourcingHandler
    void on(ServiceAccountRevoked event) {
        revoked = true;
    }
}
