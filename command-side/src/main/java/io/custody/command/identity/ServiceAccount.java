package io.custody.command.identity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.identity.Caller;
import io.custody.api.identity.CreateServiceAccount;
import io.custody.api.identity.RegisterServiceAccountKey;
import io.custody.api.identity.RevokeServiceAccount;
import io.custody.api.identity.RevokeServiceAccountKey;
import io.custody.api.identity.ServiceAccountCreated;
import io.custody.api.identity.ServiceAccountId;
import io.custody.api.identity.ServiceAccountKeyRegistered;
import io.custody.api.identity.ServiceAccountKeyRevoked;
import io.custody.api.identity.ServiceAccountRevoked;
import io.custody.api.wallet.OrganisationId;
import io.custody.command.common.Rejections;
import io.custody.command.common.DisplayNames;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An API client of one organisation, bound to roles, with a revocable bearer token stored as its SHA-256 only, and
 * the public keys with which it may sign JWT assertions to exchange for short-lived access tokens (ADR identity-011).
 */
@Aggregate
public class ServiceAccount {

    @AggregateIdentifier
    private ServiceAccountId serviceAccount;
    private OrganisationId organisation;
    private boolean revoked;
    private final Set<String> activeKeys = new HashSet<>();
    private final Set<String> revokedKeys = new HashSet<>();

    /** Enough for rotation (old and new side by side) and a spare; more usually means keys nobody retires. */
    static final int MAX_ACTIVE_KEYS = 5;

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

    /**
     * The tenant rule: a caller of another organisation is answered with the very exception a missing account
     * raises, so that the answer ({@code 404}, same reason, same message) does not tell that the id exists.
     */
    @CommandHandlerInterceptor
    Object onlyForItsOrganisation(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object caller = command.getMetaData().get(Caller.ORGANISATION);
        if (serviceAccount != null && !Tenancy.visibleTo(caller == null ? null : caller.toString(), organisation)) {
            throw new AggregateNotFoundException(serviceAccount.toString(), "No such resource");
        }
        return chain.proceed();
    }

    @CommandHandler
    public void handle(RevokeServiceAccount command, Clock clock) {
        if (!revoked) {
            apply(new ServiceAccountRevoked(serviceAccount, organisation, clock.instant()));
        }
    }

    @CommandHandler
    public void handle(RegisterServiceAccountKey command, Clock clock) {
        if (revoked) {
            throw Rejections.because(Reason.SERVICE_ACCOUNT_REVOKED, "The service account was revoked");
        }
        if (activeKeys.contains(command.keyId())) {
            return; // the same key again: already registered
        }
        if (revokedKeys.contains(command.keyId())) {
            throw Rejections.because(Reason.KEY_REVOKED, "This key was revoked and cannot be registered again; "
                    + "generate a new key pair");
        }
        if (activeKeys.size() >= MAX_ACTIVE_KEYS) {
            throw Rejections.because(Reason.TOO_MANY_KEYS, "A service account holds at most " + MAX_ACTIVE_KEYS
                    + " keys; revoke one first");
        }
        if (!ServiceAccountPublicKeys.ES256.equals(command.algorithm())
                && !ServiceAccountPublicKeys.EDDSA.equals(command.algorithm())) {
            throw Rejections.invalid("Invalid key", "algorithm", "must be ES256 or EdDSA");
        }
        apply(new ServiceAccountKeyRegistered(serviceAccount, organisation, command.keyId(), command.algorithm(),
                command.publicKeyJwk(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeServiceAccountKey command, Clock clock) {
        if (revokedKeys.contains(command.keyId())) {
            return; // revoking twice is harmless
        }
        if (!activeKeys.contains(command.keyId())) {
            throw Rejections.because(Reason.KEY_NOT_FOUND, "The service account has no key " + command.keyId());
        }
        apply(new ServiceAccountKeyRevoked(serviceAccount, organisation, command.keyId(), clock.instant()));
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

    @EventSourcingHandler
    void on(ServiceAccountKeyRegistered event) {
        activeKeys.add(event.keyId());
    }

    @EventSourcingHandler
    void on(ServiceAccountKeyRevoked event) {
        activeKeys.remove(event.keyId());
        revokedKeys.add(event.keyId());
    }
}
