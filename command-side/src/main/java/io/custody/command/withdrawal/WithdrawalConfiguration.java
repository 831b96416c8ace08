package io.custody.command.withdrawal;

import io.custody.command.wallet.DelayUnit;
import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the proposal command handler; Axon subscribes its {@code @CommandHandler} methods. */
@Configuration(proxyBeanMethods = false)
class WithdrawalConfiguration {

    @Bean
    ProposalCommandHandler proposalCommandHandler(ObjectProvider<Repository<WithdrawalProposal>> proposals,
                                                  WalletAccounts wallets, Clock clock, DeadlineManager deadlines,
                                                  DelayUnit unit) {
        return new ProposalCommandHandler(proposals::getObject, wallets, clock, deadlines, unit);
    }
}
