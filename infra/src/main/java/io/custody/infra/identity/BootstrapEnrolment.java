package io.custody.infra.identity;

import io.custody.command.identity.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The safe first start: while no organisation exists, the application offers exactly one way in, a single-use
 * enrolment token for the first administrator of the first organisation. It is printed once, on the first start, to
 * the console (standard output, not the log, so it does not end up in log storage); only its SHA-256 is kept. A later
 * start while it is still unused says so without printing it again; {@code custody.identity.bootstrap.reissue=true}
 * replaces it with a new one. Automation can set {@code custody.identity.bootstrap.enrolment-secret} instead (then
 * nothing is printed). Once used, it never works again (ADR identity-001).
 */
@Component
public class BootstrapEnrolment {

    private static final Logger log = LoggerFactory.getLogger(BootstrapEnrolment.class);
    public static final String PREFIX = "boot.";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Environment environment;
    private final String configuredSecret;
    private final boolean reissue;

    public BootstrapEnrolment(JdbcTemplate jdbc, Clock clock, Environment environment,
                              @Value("${custody.identity.bootstrap.enrolment-secret:}") String configuredSecret,
                              @Value("${custody.identity.bootstrap.reissue:false}") boolean reissue) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.environment = environment;
        this.configuredSecret = configuredSecret;
        this.reissue = reissue;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void offerOnFirstStart() {
        Integer organisations = jdbc.queryForObject("SELECT count(*) FROM identity_organisation", Integer.class);
        if (organisations != null && organisations > 0) {
            return;
        }
        List<Boolean> pending = jdbc.queryForList("SELECT used_at IS NULL FROM identity_bootstrap WHERE id = 1",
                Boolean.class);
        boolean configured = configuredSecret != null && !configuredSecret.isBlank();
        if (configured) {
            if (configuredSecret.length() < 32) {
                throw new IllegalStateException("custody.identity.bootstrap.enrolment-secret must be at least 32 characters");
            }
            store(configuredSecret);
            log.info("no organisation yet: enrolment of the first administrator is open with the configured secret");
            return;
        }
        if (!pending.isEmpty() && pending.get(0) && !reissue) {
            log.warn("no organisation yet: the enrolment token printed at the first start is still unused; start with "
                    + "custody.identity.bootstrap.reissue=true to print a new one");
            return;
        }
        if (!pending.isEmpty() && !pending.get(0)) {
            return; // used, and the organisation's events are being replayed into the directory
        }
        String secret = Secrets.newSecret();
        store(secret);
        String base = environment.getProperty("custody.identity.public-url",
                "http://localhost:" + environment.getProperty("local.server.port", "8080"));
        System.out.println("""

                ================================================================================
                 First start: no organisation exists yet. Enrol the first administrator with
                 this single-use token (shown only now; it is not stored):

                   %s%s

                 e.g.  curl -X POST %s/api/v1/enrolment -H 'Content-Type: application/json' \\
                         -d '{"token":"%s%s","organisation":"acme","organisationName":"Acme",
                              "displayName":"Ada Admin"}'
                ================================================================================
                """.formatted(PREFIX, secret, base, PREFIX, secret));
        log.warn("no organisation yet: a single-use enrolment token for the first administrator was printed to the "
                + "console");
    }

    /** Uses up the bootstrap token if {@code secret} is it and it is unused; true exactly once. */
    boolean consume(String secret) {
        List<String> stored = jdbc.queryForList(
                "SELECT secret_hash FROM identity_bootstrap WHERE id = 1 AND used_at IS NULL", String.class);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(0).getBytes(StandardCharsets.US_ASCII),
                Secrets.hash(secret).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        return jdbc.update("UPDATE identity_bootstrap SET used_at = ? WHERE id = 1 AND used_at IS NULL "
                + "AND secret_hash = ?", Timestamp.from(clock.instant()), stored.get(0)) == 1;
    }

    /** Gives the token back after the organisation could not be founded, so nothing is half done. */
    void restore(String secret) {
        jdbc.update("UPDATE identity_bootstrap SET used_at = NULL WHERE id = 1 AND secret_hash = ?",
                Secrets.hash(secret));
    }

    private void store(String secret) {
        jdbc.update("""
                INSERT INTO identity_bootstrap (id, secret_hash, issued_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash, issued_at = excluded.issued_at,
                                               used_at = NULL
                WHERE identity_bootstrap.used_at IS NULL""", Secrets.hash(secret), Timestamp.from(clock.instant()));
    }
}
