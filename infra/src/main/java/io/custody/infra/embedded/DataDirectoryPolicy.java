package io.custody.infra.embedded;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What to do with what a previous run left in the embedded data directory, before starting a server on it. A hard stop
 * of the application (SIGKILL, the OOM killer) leaves its PostgreSQL running on the directory with nobody to stop it;
 * a power loss or a container restart leaves a {@code postmaster.pid} whose PID may now belong to another process.
 * PostgreSQL refuses to start in both cases. The rule: act only on what is proven, refuse everything else at once.
 */
final class DataDirectoryPolicy {

    private DataDirectoryPolicy() {
    }

    /** What is known about the process a {@code postmaster.pid} names. */
    enum Postmaster {
        /** No such process (or a zombie, which holds nothing). */
        GONE,
        /** Alive, but not a PostgreSQL server working in this data directory: the PID was reused. */
        FOREIGN,
        /**
         * Alive, a PostgreSQL server whose working directory is this data directory, running from binaries an embedded
         * PostgreSQL library unpacked: one this application (or an earlier version of it) started.
         */
        EMBEDDED_HERE,
        /** Alive, a PostgreSQL server working in this data directory, but started from an installed PostgreSQL. */
        OTHER_SERVER_HERE,
        /** Alive, but this user may not look at it, or the platform has no way to. */
        UNKNOWN
    }

    sealed interface Verdict permits Free, StalePidFile, OrphanedServer, InUse { }

    /** Nothing is left over: start. */
    record Free() implements Verdict { }

    /** The lock file names no server of this directory: remove it, then start. */
    record StalePidFile(String why) implements Verdict { }

    /** A server was left running by an application that is gone: stop it, then start. */
    record OrphanedServer(long pid, int port) implements Verdict { }

    /** Someone alive holds the directory, or it cannot be proven that nobody does: do not start, say what to do. */
    record InUse(String why, String whatToDo) implements Verdict { }

    /**
     * @param dataDir           the data directory, for the messages
     * @param heldByLiveProcess whether a live process holds the data directory's application lock (zonky's
     *                          {@code epg-lock}, held for as long as an application runs a server on it)
     * @param holder            that process's PID, when the platform can tell
     * @param pidFile           the data directory's {@code postmaster.pid}
     * @param postmaster        what is known about the process that file names (ignored unless it is present)
     * @param postgresHere      a live {@code postgres} process working in the data directory, if any: when the server
     *                          the file names is gone, a backend it left behind (PostgreSQL keeps its lock file for
     *                          exactly this case, so it is not removed while one runs)
     */
    static Verdict judge(Path dataDir, boolean heldByLiveProcess, OptionalLong holder, PostmasterPidFile.Read pidFile,
                         Postmaster postmaster, OptionalLong postgresHere) {
        String otherDir = "or give this application its own data directory (CUSTODY_DATA_DIR or "
                + "custody.embedded-postgres.data-dir)";
        Path lockFile = dataDir.resolve(PostmasterPidFile.NAME);
        if (heldByLiveProcess) {
            return new InUse("another running application"
                    + (holder.isPresent() ? " (process " + holder.getAsLong() + ")" : "")
                    + " holds the embedded PostgreSQL data directory " + dataDir,
                    "stop that application first, " + otherDir);
        }
        if (pidFile instanceof PostmasterPidFile.Absent) {
            return new Free();
        }
        String stale;
        if (pidFile instanceof PostmasterPidFile.Malformed malformed) {
            stale = lockFile + " cannot be read (" + malformed.why() + ")";
        } else {
            PostmasterPidFile file = ((PostmasterPidFile.Present) pidFile).file();
            long pid = Math.abs(file.pid());
            switch (postmaster) {
                case EMBEDDED_HERE:
                    // a single-user backend is someone's maintenance session, never something this application starts
                    return file.pid() < 0
                            ? new InUse("a single-user PostgreSQL backend (process " + pid + ") is working in "
                                    + dataDir, "let it finish, " + otherDir)
                            : new OrphanedServer(pid, file.port());
                case OTHER_SERVER_HERE:
                    return new InUse("a PostgreSQL server this application did not start (process " + pid
                            + ") is running on " + dataDir, "stop it with pg_ctl stop -D " + dataDir + " -m fast,"
                            + " or use it as an external database (CUSTODY_DB_URL), " + otherDir);
                case UNKNOWN:
                    return new InUse(lockFile + " names the live process " + pid + ", which cannot be inspected to"
                            + " prove it is not a PostgreSQL server of " + dataDir,
                            "if it is one, stop it with pg_ctl stop -D " + dataDir + " -m fast; if it is not, delete "
                                    + lockFile + "; " + otherDir);
                case FOREIGN:
                    stale = "process " + pid + " is not a PostgreSQL server of this data directory"
                            + " (its PID was reused)";
                    break;
                default:
                    stale = "process " + pid + " no longer runs";
            }
        }
        if (postgresHere.isPresent()) {
            return new InUse(stale + ", but PostgreSQL process " + postgresHere.getAsLong() + " still works in "
                    + dataDir + ", a remnant of a server that was killed", "wait for it to exit, or stop it (kill "
                    + postgresHere.getAsLong() + "), then start again");
        }
        return new StalePidFile(stale);
    }
}
