package io.custody.command.identity;

/**
 * WebAuthn's signature counter rule (§6.1.1, §7.2 step 21): an authenticator that keeps a counter reports a larger
 * value on every assertion; one that reports a value not above the last one seen may be a clone. An authenticator
 * that reports 0 every time keeps no counter (most synced passkeys do): that is "not supported", never a clone.
 */
public final class SignatureCounterPolicy {

    public enum Verdict { ADVANCED, NOT_SUPPORTED, REGRESSED }

    private SignatureCounterPolicy() {
    }

    public static Verdict check(long stored, long presented) {
        if (stored == 0 && presented == 0) {
            return Verdict.NOT_SUPPORTED;
        }
        return presented > stored ? Verdict.ADVANCED : Verdict.REGRESSED;
    }
}
