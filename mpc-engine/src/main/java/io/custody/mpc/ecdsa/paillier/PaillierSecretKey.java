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
    private BigInteger pSquared;
    private BigInteger qSquared;
    /** L_p((1+N)^(p-1) mod p^2)^-1 mod p and the same for q: the CRT halves' constants (Paillier 1999, section 7). */
    private BigInteger hp;
    private BigInteger hq;
    private BigInteger qInverseModP;
    /** (q^2)^-1 mod p^2: recombines the halves of this party's own encryptions ({@link #encrypt}). */
    private BigInteger qSquaredInverseModPSquared;
    /** Blinding randomness only. */
    private static final java.security.SecureRandom BLINDING = new java.security.SecureRandom();

    public PaillierSecretKey(BigInteger p, BigInteger q) {
        if (p.equals(q)) throw new IllegalArgumentException("p and q must differ");
        this.p = p;
        this.q = q;
        BigInteger n = p.multiply(q);
        this.publicKey = new PaillierPublicKey(n);
        this.phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
        this.phiInverse = phi.modInverse(n);
        this.pSquared = p.multiply(p);
        this.qSquared = q.multiply(q);
        BigInteger g = BigInteger.ONE.add(n);
        this.hp = lFunction(g.modPow(p.subtract(BigInteger.ONE), pSquared), p).modInverse(p);
        this.hq = lFunction(g.modPow(q.subtract(BigInteger.ONE), qSquared), q).modInverse(q);
        this.qInverseModP = q.modInverse(p);
        this.qSquaredInverseModPSquared = qSquared.modInverse(pSquared);
    }

    private static BigInteger lFunction(BigInteger x, BigInteger d) {
        return x.subtract(BigInteger.ONE).divide(d);
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

    /**
     * Plaintext in [0, N), by the Chinese remainder theorem with base blinding.
     *
     * <p>CRT: m_p = L_p(c^(p-1) mod p^2) h_p mod p and the same mod q, recombined; two half-size exponentiations with
     * half-size exponents instead of one c^phi mod N^2. Base blinding: c is first multiplied by r^N, a fresh
     * encryption of zero (computed mod p^2 and q^2 with the exponent reduced by the group orders p(p-1) and q(q-1)),
     * so the base that meets the secret exponents p-1 and q-1 is uniformly random and unknown to whoever sent c: a
     * peer choosing ciphertexts (every MtA response is one) cannot steer the base. The plaintext is unchanged because
     * r^N encrypts 0.
     */
    public BigInteger decrypt(BigInteger c) {
        BigInteger pp = live(p);
        BigInteger qq = live(q);
        BigInteger n = publicKey.n();
        BigInteger r = io.custody.mpc.ecdsa.math.IntegerMath.unit(n, BLINDING);
        BigInteger cp = c.mod(pSquared).multiply(r.modPow(n.mod(pp.multiply(pp.subtract(BigInteger.ONE))), pSquared))
                .mod(pSquared);
        BigInteger cq = c.mod(qSquared).multiply(r.modPow(n.mod(qq.multiply(qq.subtract(BigInteger.ONE))), qSquared))
                .mod(qSquared);
        BigInteger mp = lFunction(cp.modPow(pp.subtract(BigInteger.ONE), pSquared), pp).multiply(hp).mod(pp);
        BigInteger mq = lFunction(cq.modPow(qq.subtract(BigInteger.ONE), qSquared), qq).multiply(hq).mod(qq);
        BigInteger h = mp.subtract(mq).multiply(qInverseModP).mod(pp);
        return mq.add(h.multiply(qq));
    }

    /** The textbook decryption (c^phi mod N^2), kept as the reference the CRT path is tested against. */
    BigInteger decryptTextbook(BigInteger c) {
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
     * exponents reduced mod p-1 and q-1): about four times cheaper than a plain modPow, which matters for the m = 128
     * repetitions of the modulus and parameter proofs.
     */
    public BigInteger powModN(BigInteger base, BigInteger exp) {
        BigInteger pp = live(p);
        BigInteger qq = live(q);
        BigInteger rp = base.mod(pp).modPow(exp.mod(pp.subtract(BigInteger.ONE)), pp);
        BigInteger rq = base.mod(qq).modPow(exp.mod(qq.subtract(BigInteger.ONE)), qq);
        BigInteger h = rp.subtract(rq).multiply(live(qInverseModP)).mod(pp);
        return rq.add(h.multiply(qq));
    }

    /**
     * enc(m; r) = (1 + N)^m r^N mod N^2 under this party's own key, equal to {@link PaillierPublicKey#encrypt} for
     * every m and r: (1 + N)^m is 1 + mN, and r^N is computed mod p^2 and mod q^2 (each half the size of N^2, with
     * the same exponent N, so a quarter of the work each) and recombined by the Chinese remainder theorem. The
     * exponent is not reduced, so no assumption about r (unit or not, in range or not) is needed. For the
     * encryptions a party makes under its own key: its presigning ciphertexts K and G, the F of each MtA, and the
     * commitments of its Pi^enc, Pi^log* and Pi^aff-g proofs.
     */
    public BigInteger encrypt(BigInteger m, BigInteger r) {
        BigInteger ps = live(pSquared);
        BigInteger qs = live(qSquared);
        BigInteger n = publicKey.n();
        BigInteger n2 = ps.multiply(qs);
        BigInteger rp = r.modPow(n, ps);
        BigInteger rq = r.modPow(n, qs);
        BigInteger h = rp.subtract(rq).multiply(live(qSquaredInverseModPSquared)).mod(ps);
        BigInteger rn = rq.add(h.multiply(qs));
        BigInteger gm = BigInteger.ONE.add(m.mod(n).multiply(n));
        return gm.multiply(rn).mod(n2);
    }

    public void destroy() {
        p = null;
        q = null;
        phi = null;
        phiInverse = null;
        pSquared = null;
        qSquared = null;
        hp = null;
        hq = null;
        qInverseModP = null;
        qSquaredInverseModPSquared = null;
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
