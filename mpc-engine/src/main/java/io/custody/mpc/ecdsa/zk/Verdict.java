package io.custody.mpc.ecdsa.zk;

/**
 * Outcome of one verification: accepted, or rejected naming the check (a stable id such as {@code "mod.jacobi"}) and
 * a detail that reveals no secret. Failures are values so a state machine can turn them into a typed abort.
 */
public record Verdict(String check, String detail) {

    private static final Verdict OK = new Verdict(null, null);

    public static Verdict ok() {
        return OK;
    }

    public static Verdict fail(String check, String detail) {
        return new Verdict(java.util.Objects.requireNonNull(check), detail);
    }

    public boolean isOk() {
        return check == null;
    }
}
