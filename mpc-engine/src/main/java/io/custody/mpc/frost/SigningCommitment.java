package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

/** A signer's round-one output: the public commitments to its hiding and binding nonces (RFC 9591 section 5.1). */
public record SigningCommitment(int identifier, ECPoint hiding, ECPoint binding) {
    public SigningCommitment {
        if (identifier < 1) {
            throw new IllegalArgumentException("identifier must be >= 1");
        }
        hiding = hiding.normalize();
        binding = binding.normalize();
    }
}
