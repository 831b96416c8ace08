package io.custody.infra.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * What PostgreSQL's lock file {@code postmaster.pid} in a data directory says: the server's PID (negative for a
 * single-user backend), the data directory it was started on, and its port (0 while the server has not written it).
 */
record PostmasterPidFile(long pid, String dataDir, int port) {

    static final String NAME = "postmaster.pid";

    /** The file's state: absent, present, or there but unreadable (empty or cut short, e.g. by a power loss). */
    sealed interface Read permits Absent, Present, Malformed { }

    record Absent() implements Read { }

    record Present(PostmasterPidFile file) implements Read { }

    record Malformed(String why) implements Read { }

    static Read read(Path dataDir) throws IOException {
        try {
            return parse(Files.readAllLines(dataDir.resolve(NAME), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new Absent();
        }
    }

    static Read parse(List<String> lines) {
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return new Malformed("it is empty");
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return new Malformed("its first line is not a process id: " + lines.get(0));
        }
        if (pid == 0) {
            return new Malformed("it names process 0");
        }
        String dataDir = lines.size() > 1 ? lines.get(1).trim() : "";
        int port = 0;
        if (lines.size() > 3 && !lines.get(3).isBlank()) {
            try {
                port = Integer.parseInt(lines.get(3).trim());
            } catch (NumberFormatException e) {
                return new Malformed("its fourth line is not a port: " + lines.get(3));
            }
        }
        return new Present(new PostmasterPidFile(pid, dataDir, port));
    }
}
