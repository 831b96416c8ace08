package io.custody.audit.tool;

/** The tool's exit codes, one per outcome, so that scripts can branch on them. */
public final class ExitCodes {

    /** Everything checked is consistent; a proof verified. */
    public static final int CONSISTENT = 0;
    /** The log diverges from the event store or its checkpoints; a proof does not verify. */
    public static final int DIVERGENCE = 1;
    /** The command line was wrong (picocli's own usage code). */
    public static final int USAGE = 2;
    /** The database or a file could not be read; nothing was concluded. */
    public static final int UNAVAILABLE = 3;
    /** What was asked for does not exist (a record, a wallet, a checkpoint). */
    public static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
