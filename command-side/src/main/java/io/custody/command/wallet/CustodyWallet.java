package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.CommandRejectedException;
import io.custody.api.error.ErrorCode;
import io.custody.api.error.Rejection;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CreateCustodyWallet;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.CustodyWalletRenamed;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.RenameCustodyWallet;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A custody wallet: who may approve its withdrawals and how many of them must. Created once; a repeated creation
 * command with the same id and content is acknowledged without a new event, so clients can retry safely.
 */
@Aggregate
public class CustodyWallet {

    @AggregateIdentifier
    private WalletId walletId;
    private OrganisationId organisation;
    private String name;
    private List<SignerAddress> signers;
    private Threshold threshold;
    private ChainFamily chainFamily;

    protected CustodyWallet() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletId handle(CreateCustodyWallet command, Clock clock) {
        if (walletId != null) {
            if (!sameContent(command)) {
                throw new CommandRejectedException(new Rejection(ErrorCode.IDEMPOTENCY_CONFLICT,
                        "wallet " + walletId + " already exists with different content", Map.of()));
            }
            return walletId;
        }
        Map<String, List<String>> violations = WalletCreationRules.violations(command);
        if (!violations.isEmpty()) {
            throw new CommandRejectedException(
                    new Rejection(ErrorCode.VALIDATION_ERROR, "Invalid custody wallet", violations));
        }
        apply(new CustodyWalletCreated(command.walletId(), command.organisation(), command.name().strip(),
                command.signers(), new Threshold(command.threshold()), command.chainFamily(), clock.instant()));
        return command.walletId();
    }

    @CommandHandler
    public void handle(RenameCustodyWallet command, Clock clock) {
        List<String> problems = WalletCreationRules.nameViolations(command.name());
        if (!problems.isEmpty()) {
            throw new CommandRejectedException(
                    new Rejection(ErrorCode.VALIDATION_ERROR, "Invalid wallet name", Map.of("name", problems)));
        }
        String newName = command.name().strip();
        if (!newName.equals(name)) {
            apply(new CustodyWalletRenamed(walletId, newName, clock.instant()));
        }
    }

    private boolean sameContent(CreateCustodyWallet command) {
        return organisation.equals(command.organisation())
                && name.equals(command.name() == null ? null : command.name().strip())
                && signers.equals(command.signers())
                && threshold.value() == command.threshold()
                && chainFamily == command.chainFamily();
    }

    @EventSourcingHandler
    void on(CustodyWalletCreated event) {
        walletId = event.walletId();
        organisation = event.organisation();
        name = event.name();
        signers = event.signers();
        threshold = event.threshold();
        chainFamily = event.chainFamily();
    }

    @EventSourcingHandler
    void on(CustodyWalletRenamed event) {
        name = event.name();
    }
}
