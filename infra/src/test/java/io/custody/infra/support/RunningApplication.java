package io.custody.infra.support;

import io.custody.infra.CustodyApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The all-in-one application started for real, as a user would start it: embedded PostgreSQL and the MPC nodes'
 * share stores in {@code dataDir}, HTTP on a free loopback port. Closing it stops the application and the database.
 */
public final class RunningApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private final Path dataDir;

    private RunningApplication(ConfigurableApplicationContext context, Path dataDir) {
        this.context = context;
        this.dataDir = dataDir;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public static RunningApplication start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                // used only by tests that turn the embedded broker on (it is off in tests by default)
                "--custody.kafka.embedded.data-dir=" + dataDir.resolve("kafka")));
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--custody.mpc.data-dir="))) {
            args.add("--custody.mpc.data-dir=" + dataDir.resolve("mpc"));
        }
        args.addAll(TestIdentity.arguments(dataDir));
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--custody.provisioning.enabled="))) {
            // Tests not about provisioning activate their wallets themselves (TestWallets) and must not start an
            // ECDSA key generation, whose safe-prime search costs minutes of CPU; the end-to-end tests turn it on.
            args.add("--custody.provisioning.enabled=false");
        }
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--custody.execution.enabled="))) {
            args.add("--custody.execution.enabled=false");
        }
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--custody.mpc.ecdsa.prime-pool."))) {
            // no background safe-prime search in tests and benchmarks (the all-in-one opens its pools at start)
            args.add("--custody.mpc.ecdsa.prime-pool.open-at-start=false");
        }
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--custody.chain."))) {
            args.add("--custody.chain.local-node.enabled=false"); // no Hardhat node for tests that do not use one
        }
        // a property given twice on the command line would be read as "first,second": the test's own value wins
        List<String> overridden = List.of(extraArgs).stream().map(RunningApplication::key).toList();
        args.removeIf(arg -> overridden.contains(key(arg)));
        args.addAll(List.of(extraArgs));
        return new RunningApplication(SpringApplication.run(CustodyApplication.class, args.toArray(String[]::new)),
                dataDir);
    }

    private static String key(String arg) {
        int equals = arg.indexOf('=');
        return equals < 0 ? arg : arg.substring(0, equals);
    }

    /** Starts the application with the embedded Kafka broker (off by default in tests) and the event stream on it. */
    public static RunningApplication startWithKafka(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--custody.kafka.embedded.enabled=true"));
        args.addAll(List.of(extraArgs));
        return start(dataDir, args.toArray(String[]::new));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A client acting as the test organisation's administrator, with every role ({@link TestIdentity}). */
    public Http http() {
        return TestIdentity.http(baseUrl(), dataDir);
    }

    public Path dataDir() {
        return dataDir;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public JdbcTemplate jdbc() {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    /**
     * The database as its superuser (the migrations' user), for what the application's own role may not do: tests
     * that plant tampering, benchmarks that create scratch tables.
     */
    public JdbcTemplate adminJdbc() {
        var environment = context.getEnvironment();
        var dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.flyway.user", environment.getProperty("spring.datasource.username")),
                environment.getProperty("spring.flyway.password", ""));
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        context.close();
    }
}
