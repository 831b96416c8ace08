package io.custody.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class of this test classpath run in a JVM of its own, so that it can be killed as the operating system
 * kills an application (SIGKILL: no shutdown hook, no Spring shutdown). Its output goes to a log file, which the test
 * reads to learn when the child is ready and shows when it is not. Closing it kills it, if it still runs.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Path log, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx768m",
                // as in the test JVM (see the surefire configuration): no embedded Kafka unless an argument asks
                "-Dcustody.kafka.embedded.enabled=" + System.getProperty("custody.kafka.embedded.enabled", "false"),
                "-Dcustody.mpc.ecdsa.prime-pool.open-at-start="
                        + System.getProperty("custody.mpc.ecdsa.prime-pool.open-at-start", "false"),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ChildJvm(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free loopback port for the child's HTTP server. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the application in this child answers ready; fails with its output if the child died. */
    public boolean answersReady(Http http) {
        if (!process.isAlive()) {
            throw new AssertionError("the application in the child JVM did not start:\n" + output());
        }
        try {
            return http.get("/actuator/health/readiness").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for a line of output that matches, failing with the output if the child dies or takes too long. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<String> line = output().lines().filter(wanted).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("the child JVM exited with " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the child JVM was not ready within " + timeout + ":\n" + tail());
    }

    /** Ends the child's standard input, which a child that waits on it takes as the request to stop cleanly. */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGKILL, as {@code kill -9}, the OOM killer or a power cut leave an application: nothing of its own runs. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
