package io.custody.mpc.transcript;

import java.util.Objects;

/**
 * Where a proof lives: the run it belongs to and who proves to whom. Binding all of it into the transcript stops a
 * proof from being replayed into another session, round or pair of parties.
 *
 * @param verifier the verifying party, or 0 when every party verifies the same proof
 */
public record ProofContext(String sessionId, String protocol, int round, int prover, int verifier) {
    public ProofContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocol, "protocol");
    }
}
