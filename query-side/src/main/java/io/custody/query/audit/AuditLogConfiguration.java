package io.custody.query.audit;

import io.custody.audit.note.NoteSigner;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The audit log's settings: {@code custody.audit.origin} (the checkpoints' origin line and key name, default
 * {@code custody.local/audit}), {@code custody.audit.checkpoint-interval} (default one minute) and the signing key
 * ({@link AuditSigningKeys}).
 */
@Configuration(proxyBeanMethods = false)
class AuditLogConfiguration {

    @Bean
    AuditLog auditLog(Environment environment, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        String origin = environment.getProperty("custody.audit.origin", "custody.local/audit");
        NoteSigner signer = AuditSigningKeys.signer(environment, origin);
        return new AuditLog(jdbc, transactions, signer);
    }

    @Bean
    AuditCheckpointer auditCheckpointer(AuditLog log, Environment environment) {
        Duration interval = environment.getProperty("custody.audit.checkpoint-interval", Duration.class,
                Duration.ofMinutes(1));
        return new AuditCheckpointer(log, interval);
    }
}
