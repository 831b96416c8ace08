package io.custody.command.governance;

import io.custody.api.governance.PolicyChange;
import io.custody.api.wallet.AddSigner;
import io.custody.api.wallet.AddWhitelistAddress;
import io.custody.api.wallet.AllowContract;
import io.custody.api.wallet.ChangeThreshold;
import io.custody.api.wallet.ChangeWalletStatus;
import io.custody.api.wallet.DisallowContract;
import io.custody.api.wallet.RemoveSigner;
import io.custody.api.wallet.RemoveWhitelistAddress;
import io.custody.api.wallet.SetWithdrawalDelay;
import io.custody.api.wallet.SetWithdrawalLimits;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletStatus;
import java.util.Optional;

/**
 * The wallet commands an administrator sends directly (the policy endpoints), each read as the policy change it
 * makes, so that one classification judges both paths. Any other command is no policy change.
 */
public final class DirectPolicyCommands {

    private DirectPolicyCommands() {
    }

    public static Optional<PolicyChange> asChange(Object command) {
        PolicyChange change = null;
        if (command instanceof AddSigner c) {
            change = PolicyChange.addSigner(c.signer());
        } else if (command instanceof RemoveSigner c) {
            change = PolicyChange.removeSigner(c.signer());
        } else if (command instanceof ChangeThreshold c) {
            change = PolicyChange.changeThreshold(c.threshold());
        } else if (command instanceof SetWithdrawalLimits c) {
            change = PolicyChange.setLimits(c.token(), c.limits() == null ? TokenLimits.NONE : c.limits());
        } else if (command instanceof AddWhitelistAddress c) {
            change = PolicyChange.addWhitelistAddress(c.address());
        } else if (command instanceof RemoveWhitelistAddress c) {
            change = PolicyChange.removeWhitelistAddress(c.address());
        } else if (command instanceof SetWithdrawalDelay c) {
            change = PolicyChange.setWithdrawalDelay(c.hours());
        } else if (command instanceof AllowContract c) {
            change = PolicyChange.allowContract(c.contract(), c.label(), c.functions(), c.minApprovals());
        } else if (command instanceof DisallowContract c) {
            change = PolicyChange.disallowContract(c.contract());
        } else if (command instanceof ChangeWalletStatus c) {
            // a missing status is refused by the wallet as invalid; reading it as a reactivation keeps it closed
            change = c.status() == null || c.status() == WalletStatus.ACTIVE
                    ? PolicyChange.reactivate(c.reason()) : PolicyChange.suspend(c.reason());
        }
        return Optional.ofNullable(change);
    }
}
