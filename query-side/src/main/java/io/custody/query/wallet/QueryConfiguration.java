package io.custody.query.wallet;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Wiring the read side needs beyond Boot's defaults. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
        return DatabaseClient.create(connectionFactory);
    }
}
