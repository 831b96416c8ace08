package io.custody.command.wallet;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the wallet aggregate's {@link DelayUnit} (resolved as a command handler parameter). */
@Configuration(proxyBeanMethods = false)
class WalletTimingConfiguration {

    @Bean
    DelayUnit withdrawalDelayUnit(@Value("${custody.withdrawal-delay.unit:PT1H}") Duration unit) {
        return new DelayUnit(unit);
    }
}
