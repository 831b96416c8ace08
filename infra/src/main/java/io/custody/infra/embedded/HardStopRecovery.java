package io.custody.infra.embedded;

import io.custody.infra.embedded.DataDirectoryPolicy.Postmaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.commons.logging.Log;

/**
 * Makes the embedded data directory startable after a hard stop of the previous run, or refuses at once with what to
 * do (see {@link DataDirectoryPolicy} and ADR 007).
 *
 * <p>Who may act is decided by zonky's {@code epg-lock}: every application that runs a server on the directory holds
 * an exclusive lock on it for as long as it runs, and the kernel drops the lock when that process dies, however it
 * dies. Holding it here proves that no application is alive on the directory, so a server still running in it is an
 * orphan; it also keeps a second application that starts at the same moment out until the check is done.
 */
final class HardStopRecovery {

    static final String APPLICATION_LOCK = "epg-lock";
    /** A fast shutdown writes one checkpoint; the embedded server's few shared buffers take far less than this. */
    private static final Duration SHUTDOWN_PATIENCE = Duration.ofSeconds(60);

    private HardStopRecovery() {
    }

    /**
     * @param log where to say what was found and done; during environment post-processing a deferred log, because the
     *            logging system drops everything logged before it is initialised
     */
    static void prepare(Path dataDir, Log log) {
        // initdb wants a new directory empty, and no server can run without postgresql.conf: nothing to recover
        if (!Files.exists(dataDir.resolve("postgresql.conf"))) {
            return;
        }
        Path lockFile = dataDir.resolve(APPLICATION_LOCK);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            try {
                act(dataDir, judge(dataDir, lock == null, lockFile), log);
            } finally {
                if (lock != null) {
                    lock.release(); // zonky takes it next, from this JVM, which a lock still held here would refuse
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not check the embedded PostgreSQL data directory " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned embedded PostgreSQL", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by an application in this very JVM
        }
    }

    private static DataDirectoryPolicy.Verdict judge(Path dataDir, boolean held, Path lockFile) throws IOException {
        OptionalLong holder = held ? PostmasterProcesses.lockHolder(lockFile) : OptionalLong.empty();
        if (!held && !PostmasterProcesses.canInspect()) {
            // without /proc nothing about a process can be proven: leave postmaster.pid to PostgreSQL, as before
            return new DataDirectoryPolicy.Free();
        }
        PostmasterPidFile.Read pidFile = PostmasterPidFile.read(dataDir);
        Postmaster postmaster = pidFile instanceof PostmasterPidFile.Present present
                ? PostmasterProcesses.inspect(Math.abs(present.file().pid()), dataDir)
                : Postmaster.GONE;
        boolean maybeStale = pidFile instanceof PostmasterPidFile.Malformed
                || postmaster == Postmaster.GONE || postmaster == Postmaster.FOREIGN;
        OptionalLong postgresHere = maybeStale ? PostmasterProcesses.postgresWorkingIn(dataDir) : OptionalLong.empty();
        return DataDirectoryPolicy.judge(dataDir, held, holder, pidFile, postmaster, postgresHere);
    }

    private static void act(Path dataDir, DataDirectoryPolicy.Verdict verdict, Log log)
            throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve(PostmasterPidFile.NAME);
        if (verdict instanceof DataDirectoryPolicy.StalePidFile stale) {
            log.warn("removing the stale " + pidFile + ": " + stale.why());
            Files.deleteIfExists(pidFile);
        } else if (verdict instanceof DataDirectoryPolicy.OrphanedServer orphan) {
            log.warn("an embedded PostgreSQL (process " + orphan.pid() + ", port " + orphan.port() + ") is still"
                    + " running in " + dataDir + ", left behind by an application that was stopped hard; stopping it"
                    + " (fast shutdown) before starting anew");
            if (PostmasterProcesses.stop(orphan.pid(), SHUTDOWN_PATIENCE, log)) {
                // killed: the file names a dead process now, which is what "stale" means
                Files.deleteIfExists(pidFile);
            }
            log.info("the orphaned embedded PostgreSQL (process " + orphan.pid() + ") has stopped");
        } else if (verdict instanceof DataDirectoryPolicy.InUse inUse) {
            throw new EmbeddedPostgresInUseException(inUse.why(), inUse.whatToDo());
        }
    }
}
