package io.custody.infra.embedded;

import java.io.IOException;
import javax.sql.DataSource;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the embedded PostgreSQL when the application closes, after everything that talks to it: every DataSource and
 * R2DBC ConnectionFactory is made to depend on the stopper, so Spring destroys them first.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedPostgresLifecycle {

    static final String STOPPER = "embeddedPostgresStopper";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresLifecycle.class);

    @Bean(STOPPER)
    static DisposableBean embeddedPostgresStopper(ConfigurableEnvironment environment) {
        var source = environment.getPropertySources().get(EmbeddedPostgresEnvironment.PROPERTY_SOURCE);
        if (!(source instanceof EmbeddedPostgresPropertySource embedded)) {
            return () -> { };
        }
        log.info("embedded PostgreSQL on 127.0.0.1:{} with data in {}", embedded.postgres().getPort(),
                embedded.dataDir());
        return () -> {
            try {
                embedded.postgres().close();
            } catch (IOException e) {
                log.warn("embedded PostgreSQL did not stop cleanly: {}", e.toString());
            }
        };
    }

    @Bean
    static BeanFactoryPostProcessor databaseClientsStopBeforeEmbeddedPostgres() {
        return factory -> {
            dependOnStopper(factory, DataSource.class);
            dependOnStopper(factory, ConnectionFactory.class);
        };
    }

    private static void dependOnStopper(ConfigurableListableBeanFactory factory, Class<?> type) {
        for (String name : factory.getBeanNamesForType(type, true, false)) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            String[] existing = definition.getDependsOn();
            String[] dependsOn = existing == null ? new String[1] : java.util.Arrays.copyOf(existing, existing.length + 1);
            dependsOn[dependsOn.length - 1] = STOPPER;
            definition.setDependsOn(dependsOn);
        }
    }
}
