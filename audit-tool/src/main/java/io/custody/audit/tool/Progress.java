package io.custody.audit.tool;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A progress bar with rate and time left, redrawn on one line of the error stream at most ten times a second. Silent
 * when disabled (machine-readable output, or not a terminal).
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDrawn;

    Progress(PrintWriter out, boolean enabled, long total) {
        this.out = out;
        this.enabled = enabled;
        this.total = total;
    }

    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawn < 100_000_000L && done < total) {
            return;
        }
        lastDrawn = now;
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        long left = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf("\r[%s%s] %d/%d records  %.0f/s  %s left ", "#".repeat(filled), "-".repeat(WIDTH - filled),
                done, total, rate, format(Duration.ofSeconds(left)));
        out.flush();
    }

    void finish() {
        if (enabled) {
            out.println();
            out.flush();
        }
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? "%dh%02dm".formatted(d.toHours(), d.toMinutesPart())
                : "%dm%02ds".formatted(d.toMinutesPart(), d.toSecondsPart());
    }
}
