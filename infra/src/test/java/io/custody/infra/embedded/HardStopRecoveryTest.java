package io.custody.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.custody.infra.CustodyApplication;
import io.custody.infra.support.ChildJvm;
import io.custody.infra.support.Http;
import io.custody.infra.support.TestIdentity;
import io.custody.infra.support.RunningApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hard stop of the application (SIGKILL, the OOM killer, a power cut) leaves its PostgreSQL running on the data
 * directory, or a {@code postmaster.pid} naming a process that is gone or that is now something else. The next start
 * recovers by itself from what it can prove is its own, and refuses at once what it cannot. Real processes throughout:
 * the killed application is a child JVM, the orphan a real server.
 */
class HardStopRecoveryTest {

    /** Generous: a child JVM starting the whole application on a loaded two-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Log LOG = LogFactory.getLog(HardStopRecoveryTest.class);

    @TempDir
    Path dataDir;

    private final List<ChildJvm> children = new ArrayList<>();
    private final List<Process> otherProcesses = new ArrayList<>();
    private final List<ProcessHandle> leftovers = new ArrayList<>();

    @Test
    void a_restart_after_the_application_was_killed_stops_the_orphaned_server_and_finds_the_wallet() throws Exception {
        ChildApplication killed = startApplicationInChildJvm();
        Http first = TestIdentity.http(killed.baseUrl(), dataDir);
        String id = first.post("/api/v1/wallets", """
                {"name":"Survivor","signers":
                 ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed","0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"],
                 "threshold":2,"chainFamily":"EVM"}""").json().get("walletId").asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> first.get("/api/v1/wallets/" + id).status() == 200);
        long orphan = serverPid();

        killed.jvm().killHard();

        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
                .as("the killed application's PostgreSQL outlives it").isPresent();
        try (RunningApplication restarted = RunningApplication.start(dataDir)) {
            // a stopped orphan may stay a zombie until init reaps it; a zombie holds nothing
            assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)
                    .filter(p -> !PostmasterProcesses.isZombie(p.pid()))).as("the orphan was stopped").isEmpty();
            assertThat(serverPid()).isNotEqualTo(orphan);
            Http.Response wallet = restarted.http().get("/api/v1/wallets/" + id);
            assertThat(wallet.status()).isEqualTo(200);
            assertThat(wallet.json().get("name").asString()).isEqualTo("Survivor");
            // the new server runs with the durable settings, not with whatever the orphan had
            assertThat(restarted.jdbc().queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(restarted.jdbc().queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
    }

    @Test
    void a_data_directory_held_by_a_running_application_is_refused_at_once_and_left_alone() throws Exception {
        ChildJvm owner = ChildJvm.start(dataDir.resolve("owner.log"), EmbeddedPostgresHolder.class.getName(),
                dataDir.resolve("postgres").toString());
        children.add(owner);
        int port = Integer.parseInt(owner.awaitLine(line -> line.startsWith("ready "), STARTUP).substring(6));

        assertThatThrownBy(() -> RunningApplication.start(dataDir))
                .isInstanceOf(EmbeddedPostgresInUseException.class)
                .hasMessageContaining("another running application (process " + owner.pid() + ")")
                .hasMessageContaining("stop that application first")
                .hasMessageContaining("CUSTODY_DATA_DIR");

        assertThat(owner.isAlive()).isTrue();
        assertThat(selectOne(port)).as("the owner's server still answers").isEqualTo(1);
    }

    @Test
    void a_postgresql_this_application_did_not_start_running_on_the_data_directory_is_refused_and_left_running()
            throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        Path unpacked;
        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            unpacked = Files.readSymbolicLink(Path.of("/proc", serverPid() + "/exe")).getParent().getParent();
        }
        // an installed PostgreSQL: the same binaries, found somewhere no embedded library unpacks to
        Path installed = linkTree(unpacked, dataDir.resolve("usr-lib-postgresql"));
        int port = freePort();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U")); // PostgreSQL refuses root; zonky runs it the same way
        }
        command.addAll(List.of(installed.resolve("bin/pg_ctl").toString(), "-D", postgresDir.toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1", "-l", dataDir.resolve("manual.log").toString(),
                "-w", "start"));
        Process pgCtl = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("pg_ctl.log").toFile()).start();
        assertThat(pgCtl.waitFor()).as(Files.readString(dataDir.resolve("pg_ctl.log"))).isZero();

        assertThatThrownBy(() -> EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG))
                .isInstanceOf(EmbeddedPostgresInUseException.class)
                .hasMessageContaining("a PostgreSQL server this application did not start (process " + serverPid())
                .hasMessageContaining("pg_ctl stop -D " + postgresDir);

        assertThat(selectOne(port)).as("the manually started server still answers").isEqualTo(1);
    }

    @Test
    void a_postmaster_pid_whose_process_id_now_belongs_to_another_program_is_removed_and_that_program_left_alone()
            throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        List<String> lockFile;
        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            lockFile = Files.readAllLines(postgresDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        }
        // as after a reboot or a container restart: the recorded PID is reused, here by a program that is no server
        Process reused = new ProcessBuilder("sleep", "600").start();
        otherProcesses.add(reused);
        lockFile.set(0, Long.toString(reused.pid()));
        Files.write(postgresDir.resolve("postmaster.pid"), lockFile, StandardCharsets.UTF_8);

        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            assertThat(selectOne(postgres.getPort())).isEqualTo(1);
            assertThat(serverPid()).isNotEqualTo(reused.pid());
        }
        assertThat(reused.isAlive()).as("the program that reused the PID was not signalled").isTrue();
    }

    @Test
    void a_postmaster_pid_of_a_killed_server_is_kept_and_the_start_refused_while_a_backend_it_left_still_runs()
            throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        long backend;
        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            Connection session = postgres.getPostgresDatabase().getConnection();
            try (ResultSet rows = session.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rows.next();
                backend = rows.getLong(1);
            }
            ProcessHandle server = ProcessHandle.of(serverPid()).orElseThrow();
            // a backend busy with a long statement outlives its killed server for a while; a stopped one stays
            leftovers.add(ProcessHandle.of(backend).orElseThrow());
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(backend)).start().waitFor()).isZero();
            server.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
        } // zonky's stop finds no server; it lets go of the data directory
        long killed = serverPid();

        assertThatThrownBy(() -> EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG))
                .isInstanceOf(EmbeddedPostgresInUseException.class)
                .hasMessageContaining("process " + killed + " no longer runs")
                .hasMessageContaining("PostgreSQL process " + backend + " still works in " + postgresDir);

        assertThat(postgresDir.resolve("postmaster.pid")).exists();
    }

    @Test
    void a_postmaster_pid_whose_process_is_gone_is_removed_and_the_server_starts() throws Exception {
        Path postgresDir = dataDir.resolve("postgres");
        List<String> lockFile;
        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            lockFile = Files.readAllLines(postgresDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        lockFile.set(0, Long.toString(gone.pid()));
        Files.write(postgresDir.resolve("postmaster.pid"), lockFile, StandardCharsets.UTF_8);

        try (EmbeddedPostgres postgres = EmbeddedPostgresEnvironment.start(postgresDir, 0, LOG)) {
            assertThat(selectOne(postgres.getPort())).isEqualTo(1);
        }
    }

    private record ChildApplication(ChildJvm jvm, String baseUrl) { }

    private ChildApplication startApplicationInChildJvm() throws Exception {
        int port = freePort();
        ChildJvm child = ChildJvm.start(dataDir.resolve("child.log"), CustodyApplication.class.getName(),
                TestIdentity.withArguments(dataDir, "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--custody.embedded-postgres.data-dir=" + dataDir.resolve("postgres"),
                "--custody.mpc.data-dir=" + dataDir.resolve("mpc"), "--custody.provisioning.enabled=false",
                "--custody.execution.enabled=false", "--custody.chain.local-node.enabled=false"));
        children.add(child);
        Http http = new Http("http://127.0.0.1:" + port); // readiness needs no credentials
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!answers(http)) {
            if (!child.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError("the application in the child JVM did not start:\n" + child.output());
            }
            Thread.sleep(500);
        }
        return new ChildApplication(child, "http://127.0.0.1:" + port);
    }

    private static boolean answers(Http http) {
        try {
            return http.get("/actuator/health/readiness").status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Hard links, so that the copy costs nothing and runs from its own path. */
    private static Path linkTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    try {
                        Files.createLink(target, path);
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        }
        return to;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private long serverPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    }

    private static int selectOne(int port) throws Exception {
        var source = new org.postgresql.ds.PGSimpleDataSource();
        source.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        source.setUser("postgres");
        try (Connection connection = source.getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** Every process a test started, and any PostgreSQL one of them left in the data directory, is gone afterwards. */
    @AfterEach
    void killEverythingStartedHere() throws Exception {
        for (ChildJvm child : children) {
            child.close();
        }
        for (Process process : otherProcesses) {
            process.destroyForcibly().waitFor();
        }
        for (ProcessHandle process : leftovers) {
            process.destroyForcibly(); // SIGKILL ends a stopped process too
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        }
        // a server a child left behind, and its backends: every postgres process working in the data directory
        Path postgresDir = dataDir.resolve("postgres");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        OptionalLong left;
        while (Files.isDirectory(postgresDir)
                && (left = PostmasterProcesses.postgresWorkingIn(postgresDir)).isPresent()) {
            assertThat(System.nanoTime() - deadline).as("postgres processes left in " + postgresDir).isNegative();
            ProcessHandle.of(left.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
            Thread.sleep(100);
        }
    }
}
