package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.wallet.ActivateCustodyWallet;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.ProvisioningStatus;
import io.custody.api.wallet.RecordWalletProvisioningFailure;
import io.custody.api.wallet.ReportWalletProvisioningWaiting;
import io.custody.api.wallet.RetryWalletProvisioning;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletProvisioningFailed;
import io.custody.api.wallet.WalletProvisioningRetried;
import io.custody.api.wallet.WalletProvisioningWaiting;
import io.custody.command.common.Rejections;
import java.time.Clock;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The wallet's key life cycle: pending its key -> active with key and address, or failed with a reason -> retried
 * (a new attempt, pending again). Every step names the attempt it belongs to, so a late answer of an abandoned
 * attempt can never activate or fail the wallet. Only the public key, the cluster's key id and the address are
 * kept; no key material ever reaches the wallet.
 */
public class WalletProvisioning {

    static final int MAX_REASON = 500;

    private WalletId walletId;
    private ChainFamily chainFamily;
    private ProvisioningStatus status = ProvisioningStatus.PENDING_KEY;
    private int attempt = 1;
    private String keyId;
    private String publicKey;
    private String address;
    private String waitingFor;

    WalletProvisioning() {
        // for snapshots
    }

    WalletProvisioning(WalletId walletId, ChainFamily chainFamily) {
        this.walletId = walletId;
        this.chainFamily = chainFamily;
    }

    ProvisioningStatus status() {
        return status;
    }

    String keyId() {
        return keyId;
    }

    String address() {
        return address;
    }

    @CommandHandler
    void handle(ActivateCustodyWallet command, Clock clock) {
        if (status == ProvisioningStatus.ACTIVE) {
            if (Objects.equals(keyId, command.keyId()) && Objects.equals(publicKey, command.publicKey())
                    && Objects.equals(address, command.address())) {
                return;
            }
            throw conflict("wallet " + walletId + " is already active with another key");
        }
        requireCurrent(command.attempt());
        if (status != ProvisioningStatus.PENDING_KEY) {
            throw conflict("wallet " + walletId + " is " + status + "; retry its provisioning first");
        }
        WalletKeyRules.violation(chainFamily, command.keyId(), command.publicKey(), command.address())
                .ifPresent(problem -> {
                    throw Rejections.invalid("Invalid wallet key", problem[0], problem[1]);
                });
        apply(new CustodyWalletActivated(walletId, command.keyId(), command.publicKey(), command.address(),
                clock.instant()));
    }

    @CommandHandler
    void handle(RecordWalletProvisioningFailure command, Clock clock) {
        if (status == ProvisioningStatus.PROVISIONING_FAILED && command.attempt() == attempt) {
            return;
        }
        requireCurrent(command.attempt());
        if (status != ProvisioningStatus.PENDING_KEY) {
            throw conflict("wallet " + walletId + " is " + status + "; its provisioning can no longer fail");
        }
        apply(new WalletProvisioningFailed(walletId, attempt, reason(command.reason()), clock.instant()));
    }

    @CommandHandler
    void handle(ReportWalletProvisioningWaiting command, Clock clock) {
        String reason = reason(command.reason());
        if (status != ProvisioningStatus.PENDING_KEY || command.attempt() != attempt || reason.equals(waitingFor)) {
            return; // nothing new to show: already waiting for that, or the attempt is over
        }
        apply(new WalletProvisioningWaiting(walletId, attempt, reason, clock.instant()));
    }

    @CommandHandler
    void handle(RetryWalletProvisioning command, Clock clock) {
        if (status != ProvisioningStatus.PROVISIONING_FAILED) {
            throw conflict("wallet " + walletId + " is " + status + "; only a failed provisioning can be retried");
        }
        apply(new WalletProvisioningRetried(walletId, chainFamily, attempt + 1, clock.instant()));
    }

    private void requireCurrent(int commandAttempt) {
        if (commandAttempt != attempt) {
            throw conflict("attempt " + commandAttempt + " of wallet " + walletId + "'s provisioning is over (now "
                    + attempt + ")");
        }
    }

    private static String reason(String reason) {
        String text = reason == null || reason.isBlank() ? "unknown" : reason.strip();
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
    }

    private static RuntimeException conflict(String message) {
        return Rejections.because(Reason.PROVISIONING_STATE_CONFLICT, message);
    }

    @EventSourcingHandler
    void on(CustodyWalletActivated event) {
        status = ProvisioningStatus.ACTIVE;
        keyId = event.keyId();
        publicKey = event.publicKey();
        address = event.address();
        waitingFor = null;
    }

    @EventSourcingHandler
    void on(WalletProvisioningWaiting event) {
        waitingFor = event.reason();
    }

    @EventSourcingHandler
    void on(WalletProvisioningFailed event) {
        status = ProvisioningStatus.PROVISIONING_FAILED;
        waitingFor = null;
    }

    @EventSourcingHandler
    void on(WalletProvisioningRetried event) {
        status = ProvisioningStatus.PENDING_KEY;
        attempt = event.attempt();
    }

    // value equality lets the test fixture find a state change made outside an event-sourcing handler
    @Override
    public boolean equals(Object o) {
        return o instanceof WalletProvisioning other && Objects.equals(walletId, other.walletId)
                && chainFamily == other.chainFamily && status == other.status && attempt == other.attempt
                && Objects.equals(keyId, other.keyId) && Objects.equals(publicKey, other.publicKey)
                && Objects.equals(address, other.address) && Objects.equals(waitingFor, other.waitingFor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(walletId, status, attempt, address);
    }
}
