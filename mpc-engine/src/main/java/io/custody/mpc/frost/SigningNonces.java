package io.custody.mpc.frost;

/** A signer's secret round-one nonces with their public commitment; used once, then destroyed. */
public record SigningNonces(SecretScalar hiding, SecretScalar binding, SigningCommitment commitment) {

    public void destroy() {
        hiding.destroy();
        binding.destroy();
    }

    @Override
    public String toString() {
        return "SigningNonces[redacted, commitment of " + commitment.identifier() + "]";
    }
}
