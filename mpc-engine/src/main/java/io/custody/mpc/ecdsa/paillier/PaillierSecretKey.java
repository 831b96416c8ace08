package io.custody.mpc.ecdsa.paillier;

import java.math.BigInteger;

/**
 * The factorisation of a Paillier modulus (two safe primes). Decryption uses phi(N) and its inverse; the centred
 * variant returns the representative in (-N/2, N/2], which is what MtA shares need.
 *
 * <p>Holds secrets: {@link #toString()} prints nothing of them, and {@link #destroy()} drops the references (the JVM's
 * immutable BigInteger cannot be overwritten in place; see docs/adr/ecdsa-002).
 */
public final class PaillierSecretKey {

    private BigInteger p;
    private BigInteger q;
    private final PaillierPublicKey publicKey;
    private BigInteger phi;
    private BigInteger phiInverse;

    public PaillierSecretKey(BigInteger p, BigInteger q) {
        if (p.equals(q)) throw new IllegalArgumentException("p and q must differ");
        this.p = p;
        this.q = q;
        BigInteger n = p.multiply(q);
        this.publicKey = new PaillierPublicKey(n);
        this.phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        this.phiInverse = phi.modInverse(n);
    }

    public PaillierPublicKey publicKey() {
        return publicKey;
    }

    public BigInteger p() {
        return live(p);
    }

    public BigInteger q() {
        return live(q);
    }

    public BigInteger phi() {
        return live(phi);
    }

    /** Plaintext in [0, N). */
    public BigInteger decrypt(BigInteger c) {
        BigInteger n = publicKey.n();
        BigInteger u = c.modPow(live(phi), publicKey.nSquared());
        return u.subtract(BigInteger.ONE).divide(n).multiply(phiInverse).mod(n);
    }

    /** Plaintext in (-N/2, N/2]. */
    public BigInteger decryptCentred(BigInteger c) {
        BigInteger m = decrypt(c);
        BigInteger n = publicKey.n();
        return m.compareTo(n.shiftRight(1)) > 0 ? m.subtract(n) : m;
    }

    /** The Paillier nonce of a ciphertext c = (1+N)^m r^N: r = (c mod N)^(N^-1 mod phi) mod N. */
    public BigInteger nonceOf(BigInteger c) {
        BigInteger n = publicKey.n();
        return c.mod(n).modPow(n.modInverse(live(phi)), n);
    }

    /**
     * base^exp mod N for a unit base and exp >= 0 through the factorisation (two half-size exponentiations with
     * exponents reduced mod p-1 and q-1): about four times cheaper than a plain modPow, which matters for the m = 80
     * repetitions of the modulus and parameter proofs.
     */
    public BigInteger powModN(BigInteger base, BigInteger exp) {
        BigInteger pp = live(p);
        BigInteger qq = live(q);
        BigInteger rp = base.mod(pp).modPow(exp.mod(pp.subtract(BigInteger.ONE)), pp);
        BigInteger rq = base.mod(qq).modPow(exp.mod(qq.subtract(BigInteger.ONE)), qq);
        BigInteger h = rp.subtract(rq).multiply(qq.modInverse(pp)).mod(pp);
        return rq.add(h.multiply(qq));
    }

    public void destroy() {
        p = null;
        q = null;
        phi = null;
        phiInverse = null;
    }

    private static BigInteger live(BigInteger v) {
        if (v == null) throw new IllegalStateException("Paillier secret key was destroyed");
        return v;
    }

    @Override
    public String toString() {
        return "PaillierSecretKey[N bits=" + publicKey.n().bitLength() + ", secret redacted]";
    }
}
