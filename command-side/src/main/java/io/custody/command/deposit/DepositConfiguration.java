package io.custody.command.deposit;

import io.custody.command.wallet.WalletAccounts;
import java.time.Clock;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the deposit command handler; Axon subscribes its {@code @CommandHandler} methods. */
@Configuration(proxyBeanMethods = false)
class DepositConfiguration {

    @Bean
    DepositCommandHandler depositCommandHandler(ObjectProvider<Repository<Deposit>> deposits, WalletAccounts wallets,
                                                Clock clock) {
        return new DepositCommandHandler(deposits::getObject, wallets, clock);
    }
}
