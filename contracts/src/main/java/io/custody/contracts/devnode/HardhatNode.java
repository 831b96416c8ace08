package io.custody.contracts.devnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Hardhat 2 development node (chain id 31337) run from the npm packages pinned in the contracts module,
 * bound to 127.0.0.1 on a free port. Usable from tests of any module and from the all-in-one app.
 *
 * <p>The node is launched as {@code node node_modules/hardhat/internal/cli/bootstrap.js node ...}, which is what
 * {@code npx hardhat node} resolves to, but without the npx wrapper process: the process we hold is the node itself,
 * so stopping it really frees the port (killing npx can orphan its child).
 */
public final class HardhatNode implements AutoCloseable {

    /** System property naming the contracts module folder (the one holding package.json and hardhat.config.js). */
    public static final String HOME_PROPERTY = "custody.contracts.home";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private HardhatNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::destroy, "hardhat-node-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node on a free loopback port and returns once it answers JSON-RPC. */
    public static HardhatNode start() {
        return start(freePort());
    }

    /** Starts a node on the given loopback port (used to bring a killed endpoint back on the same URL). */
    public static HardhatNode start(int port) {
        Path home = locateHome();
        Path cli = home.resolve("node_modules/hardhat/internal/cli/bootstrap.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("Hardhat is not installed under " + home
                    + "; run the contracts module build (it runs npm ci) first");
        }
        Path log = home.resolve("target").resolve("hardhat-node-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(nodeExecutable(), cli.toString(), "node",
                    "--hostname", "127.0.0.1", "--port", Integer.toString(port)));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // No telemetry prompt, no analytics, no forking: the node must never reach outside this machine.
            pb.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            pb.environment().put("DO_NOT_TRACK", "1");
            pb.environment().put("CI", "true");
            HardhatNode node = new HardhatNode(pb.start(), port, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Hardhat node", e);
        }
    }

    public int port() {
        return port;
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /** JSON-RPC helpers specific to the development chain (snapshots, mining, time, balances). */
    public DevChainControl control() {
        return new DevChainControl(rpcUrl());
    }

    /** Kills the node abruptly, as a crashed RPC endpoint would disappear. */
    public void kill() {
        stopped = true;
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }

    private void destroy() {
        stopped = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(Duration.ofSeconds(5))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Hardhat node exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("0x7a69")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                destroy();
                throw new IllegalStateException("interrupted while waiting for the Hardhat node", e);
            }
            sleep(200);
        }
        destroy();
        throw new IllegalStateException("Hardhat node not ready after " + STARTUP_TIMEOUT + "; see " + log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the OS for a free loopback port; the tiny race until Hardhat binds it is acceptable for a dev node. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nodeExecutable() {
        return Objects.requireNonNullElse(System.getenv("CUSTODY_NODE"), "node");
    }

    /**
     * The contracts module folder: the system property when set (surefire sets it), else the first
     * {@code contracts/hardhat.config.js} found walking up from the working directory.
     */
    static Path locateHome() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("hardhat.config.js")) && Files.isRegularFile(dir.resolve("package.json"))) {
                return dir;
            }
            if (Files.isRegularFile(dir.resolve("contracts/hardhat.config.js"))) {
                return dir.resolve("contracts");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the contracts module; set -D" + HOME_PROPERTY);
    }

    @Override
    public String toString() {
        return "HardhatNode[" + rpcUrl() + (isRunning() ? "" : " stopped") + "]";
    }
}
