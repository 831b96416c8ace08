package io.custody.mpc.transcript;

import io.custody.mpc.ecdsa.zk.SecurityLevel;

import java.util.Objects;

/**
 * Where a proof lives: the run it belongs to, who proves to whom, and at which security level. Binding all of it into
 * the transcript stops a proof from being replayed into another session, round, pair of parties or level.
 *
 * @param verifier the verifying party, or 0 when every party verifies the same proof
 * @param level    the key's security level; it also fixes the exact modulus size every verifier requires
 */
public record ProofContext(String sessionId, String protocol, int round, int prover, int verifier,
                           SecurityLevel level) {
    public ProofContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(level, "level");
    }

    /**
     * A context at the 112-bit level, the level of the 2048-bit fixtures that proof tests use. Protocol parties always
     * pass their key's level explicitly.
     */
    public ProofContext(String sessionId, String protocol, int round, int prover, int verifier) {
        this(sessionId, protocol, round, prover, verifier, SecurityLevel.BITS_112);
    }
}
