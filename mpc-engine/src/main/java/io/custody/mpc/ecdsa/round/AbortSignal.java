package io.custody.mpc.ecdsa.round;

import io.custody.mpc.ecdsa.zk.Verdict;

/** Raised inside a round to end the run; {@link RoundBasedParty} turns it into a {@code Step.Abort}. */
public final class AbortSignal extends RuntimeException {

    /** Culprit value when a failure cannot be pinned on one party (documented per check). */
    public static final int UNIDENTIFIED = 0;

    private final int culprit;
    private final String check;
    private final String detail;

    public AbortSignal(int culprit, String check, String detail) {
        super(check + " by party " + culprit + ": " + detail, null, false, false);
        this.culprit = culprit;
        this.check = check;
        this.detail = detail;
    }

    /** Throws an abort naming {@code culprit} unless the verdict accepted. */
    public static void require(int culprit, Verdict v) {
        if (!v.isOk()) throw new AbortSignal(culprit, v.check(), v.detail());
    }

    public static void require(int culprit, boolean ok, String check, String detail) {
        if (!ok) throw new AbortSignal(culprit, check, detail);
    }

    public int culprit() {
        return culprit;
    }

    public String check() {
        return check;
    }

    public String detail() {
        return detail;
    }
}
