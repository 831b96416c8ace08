package io.custody.command.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.custody.api.error.Reason;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.SignerAdded;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.SignerRemoved;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.ThresholdChanged;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import io.custody.api.wallet.WalletStatusChanged;
import io.custody.command.common.Rejections;
import io.custody.command.common.Violations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * Who may propose and approve a wallet's withdrawals, and how many of them must approve (seed Properties 1 and 9). A
 * member of the {@link CustodyWallet} aggregate; every change keeps {@link SignerSetPolicy} true.
 */
public class WalletSigners {

    private WalletId walletId;
    private ChainFamily chainFamily;
    private List<SignerAddress> signers = List.of();
    private Threshold threshold;
    private boolean closed;

    WalletSigners() {
        // for snapshots
    }

    WalletSigners(WalletId walletId, ChainFamily chainFamily, List<SignerAddress> signers, Threshold threshold) {
        this.walletId = walletId;
        this.chainFamily = chainFamily;
        this.signers = List.copyOf(signers);
        this.threshold = threshold;
    }

    List<SignerAddress> signers() {
        return signers;
    }

    Threshold threshold() {
        return threshold;
    }

    boolean contains(SignerAddress signer) {
        return signer != null && signers.contains(signer);
    }

    @CommandHandler
    void handle(AddSigner command, Clock clock) {
        requireNotClosed();
        if (contains(command.signer())) {
            return;
        }
        List<SignerAddress> next = new ArrayList<>(signers);
        next.add(command.signer());
        requireSignerSet(next, threshold.value());
        apply(new SignerAdded(walletId, command.signer(), clock.instant()));
    }

    @CommandHandler
    void handle(RemoveSigner command, Clock clock) {
        requireNotClosed();
        if (!contains(command.signer())) {
            throw Rejections.because(Reason.SIGNER_NOT_FOUND,
                    command.signer() + " is not a signer of wallet " + walletId);
        }
        List<SignerAddress> next = new ArrayList<>(signers);
        next.remove(command.signer());
        requireSignerSet(next, threshold.value());
        apply(new SignerRemoved(walletId, command.signer(), clock.instant()));
    }

    @CommandHandler
    void handle(ChangeThreshold command, Clock clock) {
        requireNotClosed();
        if (command.threshold() == threshold.value()) {
            return;
        }
        requireSignerSet(signers, command.threshold());
        apply(new ThresholdChanged(walletId, threshold, new Threshold(command.threshold()), clock.instant()));
    }

    private void requireSignerSet(List<SignerAddress> candidate, int candidateThreshold) {
        new Violations()
                .addAll(Reason.SIGNER_RULES_VIOLATED, SignerSetPolicy.violations(candidate, candidateThreshold, chainFamily))
                .throwIfAny("The change would break the signer rules");
    }

    private void requireNotClosed() {
        if (closed) {
            throw Rejections.because(Reason.WALLET_CLOSED, "wallet " + walletId + " is closed");
        }
    }

    @EventSourcingHandler
    void on(SignerAdded event) {
        List<SignerAddress> next = new ArrayList<>(signers);
        next.add(event.signer());
        signers = List.copyOf(next);
    }

    @EventSourcingHandler
    void on(SignerRemoved event) {
        List<SignerAddress> next = new ArrayList<>(signers);
        next.remove(event.signer());
        signers = List.copyOf(next);
    }

    @EventSourcingHandler
    void on(ThresholdChanged event) {
        threshold = event.to();
    }

    @EventSourcingHandler
    void on(WalletStatusChanged event) {
        closed = event.to() == WalletStatus.CLOSED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletSigners other && Objects.equals(walletId, other.walletId)
                && chainFamily == other.chainFamily && signers.equals(other.signers)
                && Objects.equals(threshold, other.threshold) && closed == other.closed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(walletId, signers, threshold, closed);
    }
}
