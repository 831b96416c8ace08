package io.custody.command.wallet;

import io.custody.api.deposit.DepositId;
import io.custody.api.error.Reason;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalStatus;
import io.custody.api.withdrawal.ProposeContractCall;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.common.Rejections;
import io.custody.command.identity.Tenancy;
import java.time.Instant;
import java.util.function.Supplier;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * The wallet's money as the proposal and deposit handlers reach it: each call loads the wallet into the caller's unit
 * of work, so the wallet's event and the caller's own are appended in one transaction (ADR 013). Callers that hold a
 * proposal or deposit lock take it before the wallet's, always in that order, so two units of work never wait for
 * each other.
 */
public class WalletAccounts {

    private final Supplier<Repository<CustodyWallet>> wallets;

    public WalletAccounts(Supplier<Repository<CustodyWallet>> wallets) {
        this.wallets = wallets;
    }

    public WithdrawalProposed reserve(ProposeWithdrawal command, Instant now) {
        return reserve(command, null, now);
    }

    /**
     * Reserves for a proposal made by a caller of {@code callerOrganisation} ({@code null} for the application itself);
     * another organisation's wallet is refused as a missing one.
     */
    public WithdrawalProposed reserve(ProposeWithdrawal command, String callerOrganisation, Instant now) {
        return visible(command.walletId(), callerOrganisation).invoke(w -> w.reserve(command, now));
    }

    /** Reserves for a contract-call proposal, as {@link #reserve(ProposeWithdrawal, String, Instant)} does. */
    public WithdrawalProposed reserve(ProposeContractCall command, String callerOrganisation, Instant now) {
        return visible(command.walletId(), callerOrganisation).invoke(w -> w.reserve(command, now));
    }

    /**
     * Decides a new policy change of the wallet for a caller of {@code callerOrganisation}; another organisation's
     * wallet is refused as a missing one.
     */
    public io.custody.api.governance.PolicyChangeProposed openPolicyChange(
            io.custody.api.governance.ProposePolicyChange command, String callerOrganisation, Instant now,
            java.time.Duration timeLock) {
        return visible(command.walletId(), callerOrganisation).invoke(w -> w.openPolicyChange(command, now, timeLock));
    }

    /** Whether the change would tighten control of the wallet as it is now. */
    public boolean tightens(WalletId walletId, io.custody.api.governance.PolicyChange change) {
        return load(walletId).invoke(w -> w.tightens(change));
    }

    /** Applies an approved policy change to the wallet in the caller's unit of work; a refusal changes nothing. */
    public void applyPolicyChange(WalletId walletId, io.custody.api.governance.PolicyChange change, Instant now) {
        load(walletId).execute(w -> w.applyPolicyChange(change, now));
    }

    private Aggregate<CustodyWallet> visible(WalletId walletId, String callerOrganisation) {
        Aggregate<CustodyWallet> wallet = load(walletId);
        if (!Tenancy.visibleTo(callerOrganisation, wallet.invoke(CustodyWallet::organisation))) {
            throw Rejections.because(Reason.WALLET_NOT_FOUND, "No wallet " + walletId);
        }
        return wallet;
    }

    public void release(WalletId walletId, ProposalId proposalId, ProposalStatus outcome, Instant at) {
        load(walletId).execute(wallet -> wallet.release(proposalId, outcome, at));
    }

    public void settle(WalletId walletId, ProposalId proposalId, String transactionHash, Instant at) {
        settle(walletId, proposalId, transactionHash, null, at);
    }

    /** Settles what actually left the wallet ({@code null}: the reserved amount). */
    public void settle(WalletId walletId, ProposalId proposalId, String transactionHash, Amount settled, Instant at) {
        load(walletId).execute(wallet -> wallet.settle(proposalId, transactionHash, settled, at));
    }

    public void credit(WalletId walletId, DepositId depositId, TokenId token, Amount amount, Instant at) {
        load(walletId).execute(wallet -> wallet.credit(depositId, token, amount, at));
    }

    public void reverse(WalletId walletId, DepositId depositId, TokenId token, Amount amount, String reason,
                        Instant at) {
        load(walletId).execute(wallet -> wallet.reverse(depositId, token, amount, reason, at));
    }

    /** The key and address a withdrawal of the wallet is signed with and sent from. */
    public record WalletKey(String keyId, String address) {
    }

    public WalletKey key(WalletId walletId) {
        return load(walletId).invoke(CustodyWallet::key);
    }

    private Aggregate<CustodyWallet> load(WalletId walletId) {
        if (walletId == null) {
            throw Rejections.because(Reason.WALLET_NOT_FOUND, "a wallet id is required");
        }
        try {
            return wallets.get().load(walletId.toString());
        } catch (AggregateNotFoundException e) {
            throw Rejections.because(Reason.WALLET_NOT_FOUND, "No wallet " + walletId);
        }
    }
}
