package io.custody.mpc.node;

import java.util.List;

/**
 * A node's answer to a start or a delivery: envelopes to relay, and whether its party is still running, done (with the
 * public result) or aborted (naming the culprit party and the failed check).
 */
public record RoundOutput(Status status, List<SealedEnvelope> outgoing, byte[] result, int culprit, String check,
                          String detail) {

    public enum Status { RUNNING, DONE, ABORTED }

    public RoundOutput {
        outgoing = List.copyOf(outgoing);
        result = result == null ? new byte[0] : result.clone();
        check = check == null ? "" : check;
        detail = detail == null ? "" : detail;
    }

    static RoundOutput running(List<SealedEnvelope> out) {
        return new RoundOutput(Status.RUNNING, out, null, 0, null, null);
    }

    static RoundOutput done(List<SealedEnvelope> out, byte[] result) {
        return new RoundOutput(Status.DONE, out, result, 0, null, null);
    }

    static RoundOutput aborted(int culprit, String check, String detail) {
        return new RoundOutput(Status.ABORTED, List.of(), null, culprit, check, detail);
    }

    @Override
    public byte[] result() {
        return result.clone();
    }
}
