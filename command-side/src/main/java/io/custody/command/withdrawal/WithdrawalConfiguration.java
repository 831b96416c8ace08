package io.custody.command.withdrawal;

import io.custody.command.identity.MemberPasskeys;
import io.custody.command.wallet.DelayUnit;
import io.custody.command.wallet.WalletAccounts;
import io.custody.command.withdrawal.signature.PasskeyApprovals;
import io.custody.command.withdrawal.signature.RelyingParty;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the proposal command handler; Axon subscribes its {@code @CommandHandler} methods. */
@Configuration(proxyBeanMethods = false)
class WithdrawalConfiguration {

    /**
     * The WebAuthn relying party passkey votes are verified for; the same keys configure the login ceremonies
     * ({@code custody.identity.passkey.rp-id}, {@code custody.identity.passkey.origins}, comma-separated).
     */
    @Bean
    RelyingParty passkeyRelyingParty(@Value("${custody.identity.passkey.rp-id:localhost}") String rpId,
                                     @Value("${custody.identity.passkey.origins:http://localhost:8080}") List<String> origins) {
        return new RelyingParty(rpId, new LinkedHashSet<>(origins.stream().map(String::strip).toList()));
    }

    @Bean
    ProposalCommandHandler proposalCommandHandler(ObjectProvider<Repository<WithdrawalProposal>> proposals,
                                                  ObjectProvider<Repository<MemberPasskeys>> memberPasskeys,
                                                  WalletAccounts wallets, Clock clock, DeadlineManager deadlines,
                                                  DelayUnit unit, RelyingParty relyingParty) {
        return new ProposalCommandHandler(proposals::getObject, wallets, clock, deadlines, unit,
                memberPasskeys::getObject, new PasskeyApprovals(relyingParty));
    }
}
