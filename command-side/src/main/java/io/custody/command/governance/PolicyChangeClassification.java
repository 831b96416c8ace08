package io.custody.command.governance;

import io.custody.api.governance.PolicyChange;
import io.custody.api.money.Amount;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletStatus;
import io.custody.command.withdrawal.call.ContractCalls;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a policy change tightens control of a wallet or loosens or changes it (ADR identity-020), judged against the
 * wallet's policy as it is. Tightening changes need no quorum on a sealed wallet; everything else does.
 *
 * <ul>
 *   <li>Always loosening or control-changing: removing a signer, any threshold change, adding a whitelist address,
 *       reactivating a wallet.</li>
 *   <li>Loosening when it changes something: adding a signer who is not one yet, a limit raised or removed, a shorter
 *       delay, allowing a contract that is not allowed yet, or with a function more or a lower minimum of approvals.</li>
 *   <li>Tightening: suspending, a limit lowered or newly set, removing a whitelist address, a longer delay,
 *       disallowing a contract; and a change that changes nothing (it weakens nothing).</li>
 * </ul>
 * A change whose values are missing or unreadable counts as loosening: when in doubt, ask the quorum.
 */
public final class PolicyChangeClassification {

    /** What a change does to the control of the wallet. */
    public enum Effect {
        TIGHTENING,
        LOOSENING
    }

    private PolicyChangeClassification() {
    }

    public static Effect classify(PolicyChange change, PolicySnapshot current) {
        if (change == null || change.kind() == null) {
            return Effect.LOOSENING;
        }
        boolean tightens = switch (change.kind()) {
            case ADD_SIGNER -> change.signer() != null && current.signers().contains(change.signer());
            case REMOVE_SIGNER, CHANGE_THRESHOLD, ADD_WHITELIST_ADDRESS -> false;
            case REACTIVATE -> current.status() == WalletStatus.ACTIVE; // reactivating an active wallet changes nothing
            case SUSPEND, REMOVE_WHITELIST_ADDRESS, DISALLOW_CONTRACT -> true;
            case SET_WITHDRAWAL_DELAY -> change.hours() != null && change.hours() >= current.delayHours();
            case SET_LIMITS -> change.token() != null && limitsTighten(current.limitsOf(change.token()),
                    change.limits() == null ? TokenLimits.NONE : change.limits());
            case ALLOW_CONTRACT -> contractTightens(change, current);
        };
        return tightens ? Effect.TIGHTENING : Effect.LOOSENING;
    }

    /** Every limit stays or goes down; "no limit" is the highest limit of all. */
    static boolean limitsTighten(TokenLimits current, TokenLimits next) {
        return notRaised(current.single(), next.single()) && notRaised(current.daily(), next.daily())
                && notRaised(current.weekly(), next.weekly());
    }

    private static boolean notRaised(Amount current, Amount next) {
        if (current == null) {
            return true; // from no limit, any limit (or still none) is no looser
        }
        return next != null && next.compareTo(current) <= 0;
    }

    /** An allowed contract keeps a subset of its functions and at least as many required approvals. */
    private static boolean contractTightens(PolicyChange change, PolicySnapshot current) {
        if (change.address() == null || change.functions() == null) {
            return false;
        }
        ContractAllowed allowed = current.contracts().get(change.address().canonical());
        if (allowed == null) {
            return false;
        }
        Set<String> next = new HashSet<>();
        try {
            for (String function : change.functions()) {
                next.add(ContractCalls.canonicalSignature(function));
            }
        } catch (RuntimeException unreadable) {
            return false;
        }
        int minApprovals = change.minApprovals() == null ? 0 : change.minApprovals();
        return allowed.functions().containsAll(next) && minApprovals >= allowed.minApprovals();
    }
}
