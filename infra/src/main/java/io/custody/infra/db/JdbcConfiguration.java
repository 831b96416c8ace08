package io.custody.infra.db;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The JDBC pool for the event store, tokens, sagas, deadlines and projections. Spring Boot does not configure JDBC
 * by itself once an R2DBC connection factory exists (it assumes an application uses one or the other); this service
 * uses both: JDBC where Axon and transactions need it, R2DBC for the non-blocking reads.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConfiguration {

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties dataSourceProperties() {
        return new DataSourceProperties();
    }

    /** Replaces Axon's default, which does not recognise PostgreSQL's unique violations. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
