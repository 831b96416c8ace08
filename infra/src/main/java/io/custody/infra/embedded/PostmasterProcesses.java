package io.custody.infra.embedded;

import io.custody.infra.embedded.DataDirectoryPolicy.Postmaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.logging.Log;

/**
 * Looks at and stops the processes a data directory's lock files name, through Linux's {@code /proc}.
 */
final class PostmasterProcesses {

    private static final Path PROC = Path.of("/proc");

    private PostmasterProcesses() {
    }

    /**
     * A PostgreSQL server changes its working directory to its data directory before it writes {@code postmaster.pid}
     * and never leaves it, so a live {@code postgres} whose working directory is {@code dataDir} is that directory's
     * server. Directories are compared by device and inode, which symbolic links and bind mounts do not change.
     */
    static Postmaster inspect(long pid, Path dataDir) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() || isZombie(pid)) {
            return Postmaster.GONE;
        }
        if (!canInspect()) {
            return Postmaster.UNKNOWN;
        }
        try {
            String command = Files.readString(PROC.resolve(pid + "/comm"), StandardCharsets.UTF_8).trim();
            if (!command.equals("postgres")) {
                return Postmaster.FOREIGN;
            }
            if (!worksIn(pid, dataDir)) {
                return Postmaster.FOREIGN;
            }
            return runsUnpackedBinaries(pid) ? Postmaster.EMBEDDED_HERE : Postmaster.OTHER_SERVER_HERE;
        } catch (NoSuchFileException e) {
            return process.get().isAlive() ? Postmaster.UNKNOWN : Postmaster.GONE;
        } catch (IOException | SecurityException e) {
            return Postmaster.UNKNOWN;
        }
    }

    /** Whether this platform has Linux's {@code /proc}, without which nothing about another process is proven. */
    static boolean canInspect() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /**
     * A live {@code postgres} process whose working directory is {@code dataDir}, if there is one: a server, or a
     * backend whose server was killed.
     */
    static OptionalLong postgresWorkingIn(Path dataDir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                try {
                    String command = Files.readString(entry.resolve("comm"), StandardCharsets.UTF_8).trim();
                    if (command.equals("postgres") && !isZombie(pid) && worksIn(pid, dataDir)) {
                        return OptionalLong.of(pid);
                    }
                } catch (IOException e) {
                    // exited while we looked, or another user's process, which cannot work in our directory
                }
            }
            return OptionalLong.empty();
        }
    }

    /**
     * zonky unpacks its PostgreSQL into {@code <working dir>/PG-<digest of the archive>/} and starts
     * {@code bin/postgres} from there; an installed PostgreSQL lives elsewhere. Its {@code (deleted)} suffix is kept
     * by the kernel when the unpacked files have since been cleaned from the temporary directory.
     */
    private static boolean runsUnpackedBinaries(long pid) throws IOException {
        String executable = Files.readSymbolicLink(PROC.resolve(pid + "/exe")).toString();
        if (executable.endsWith(" (deleted)")) {
            executable = executable.substring(0, executable.length() - " (deleted)".length());
        }
        Path binary = Path.of(executable);
        Path bin = binary.getParent();
        Path unpacked = bin == null ? null : bin.getParent();
        return bin != null && unpacked != null && unpacked.getFileName() != null
                && bin.getFileName().toString().equals("bin")
                && unpacked.getFileName().toString().matches("PG-[0-9a-f]+");
    }

    private static boolean worksIn(long pid, Path dataDir) throws IOException {
        Object cwd = Files.readAttributes(PROC.resolve(pid + "/cwd"), BasicFileAttributes.class).fileKey();
        Object dir = Files.readAttributes(dataDir, BasicFileAttributes.class).fileKey();
        return cwd != null && Objects.equals(cwd, dir);
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ')'
            String afterCommand = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterCommand.startsWith("Z") || afterCommand.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Stops a server the way {@code pg_ctl stop -m fast} does (SIGINT: roll back open transactions, write a
     * checkpoint, remove {@code postmaster.pid}, exit). If it has not exited within {@code patience}, it and its
     * children are killed: the server started next replays the write-ahead log, and as fsync is on, nothing that was
     * committed is lost.
     *
     * @return whether it had to be killed
     */
    static boolean stop(long pid, Duration patience, Log log) throws InterruptedException {
        Optional<ProcessHandle> found = ProcessHandle.of(pid);
        if (found.isEmpty()) {
            return false;
        }
        ProcessHandle server = found.get();
        List<ProcessHandle> children = server.descendants().toList();
        signal("INT", pid, log);
        if (awaitExit(server, patience)) {
            return false;
        }
        log.error("embedded PostgreSQL (process " + pid + ") did not stop within " + patience.toSeconds() + " s of a"
                + " fast-shutdown request; killing it and its " + children.size() + " child processes with SIGKILL."
                + " The server started next replays the write-ahead log; committed transactions are kept.");
        server.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            awaitExit(child, Duration.ofSeconds(10));
        }
        if (!awaitExit(server, Duration.ofSeconds(10))) {
            throw new IllegalStateException("process " + pid + " survived SIGKILL");
        }
        return true;
    }

    private static void signal(String signal, long pid, Log log) throws InterruptedException {
        try {
            // Java can send SIGTERM and SIGKILL only; the shell's kill sends the SIGINT of a fast shutdown
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " " + pid)
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                log.warn("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            log.warn("kill -" + signal + " " + pid + " failed: " + e);
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        // the server is no child of ours (its parent is init), so its exit can only be polled
        while (process.isAlive() && !isZombie(process.pid())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** The PID that holds a POSIX lock on {@code file}, from {@code /proc/locks}, if the platform tells. */
    static OptionalLong lockHolder(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(PROC.resolve("locks"), StandardCharsets.US_ASCII)) {
                // "1: POSIX  ADVISORY  WRITE 4711 08:01:1835010 0 EOF"; lines starting "->" are blocked waiters
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 5 && !fields[1].equals("->") && fields[5].endsWith(":" + inode)) {
                    long pid = Long.parseLong(fields[4]);
                    if (pid > 0) {
                        return OptionalLong.of(pid);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the refusal then names no process
        }
        return OptionalLong.empty();
    }
}
