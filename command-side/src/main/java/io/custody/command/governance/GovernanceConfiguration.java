package io.custody.command.governance;

import io.custody.command.identity.MemberPasskeys;
import io.custody.command.wallet.WalletAccounts;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.command.withdrawal.signature.RelyingParty;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring wiring of policy governance: its two durations and the policy-change command handler. */
@Configuration(proxyBeanMethods = false)
class GovernanceConfiguration {

    @Bean
    GovernanceSettings governanceSettings(@Value("${custody.governance.setup-window:PT48H}") Duration setupWindow,
                                          @Value("${custody.governance.time-lock:PT48H}") Duration timeLock) {
        return new GovernanceSettings(setupWindow, timeLock);
    }

    @Bean
    PolicyChangeCommandHandler policyChangeCommandHandler(ObjectProvider<Repository<PolicyChangeProposal>> changes,
                                                          ObjectProvider<Repository<MemberPasskeys>> memberPasskeys,
                                                          WalletAccounts wallets, Clock clock,
                                                          DeadlineManager deadlines, GovernanceSettings settings,
                                                          RelyingParty relyingParty) {
        return new PolicyChangeCommandHandler(changes::getObject, wallets, clock, deadlines, settings,
                memberPasskeys::getObject, new PasskeyApprovals(relyingParty));
    }
}
