package io.custody.mpc.ecdsa.paillier;

import io.custody.mpc.ecdsa.math.IntegerMath;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The trapdoor lambda with s = t^lambda, and the factorisation's phi(N) the parameter proof needs. lambda is drawn
 * coprime to phi(N) so its inverse exists and the proof can show both directions (t in &lt;s&gt; as well as s in
 * &lt;t&gt;), which closes the "forgotten direction" attack.
 */
public final class RingPedersenSecret {

    private final RingPedersen params;
    private BigInteger lambda;
    private BigInteger phi;
    private final PaillierSecretKey factors;

    private RingPedersenSecret(RingPedersen params, BigInteger lambda, BigInteger phi, PaillierSecretKey factors) {
        this.params = params;
        this.lambda = lambda;
        this.phi = phi;
        this.factors = factors;
    }

    public static RingPedersenSecret generate(PaillierSecretKey key, SecureRandom random) {
        BigInteger n = key.publicKey().n();
        BigInteger phi = key.phi();
        BigInteger r = IntegerMath.unit(n, random);
        BigInteger t = r.multiply(r).mod(n);
        BigInteger lambda;
        do {
            lambda = IntegerMath.below(phi, random);
        } while (lambda.signum() == 0 || !lambda.gcd(phi).equals(BigInteger.ONE));
        BigInteger s = key.powModN(t, lambda);
        return new RingPedersenSecret(new RingPedersen(n, s, t), lambda, phi, key);
    }

    /** For forged-parameter tests and for assembling from stored parts. */
    public static RingPedersenSecret of(RingPedersen params, BigInteger lambda, BigInteger phi) {
        return new RingPedersenSecret(params, lambda, phi, null);
    }

    /** base^exp mod N, through the factorisation when this party owns it. */
    public BigInteger pow(BigInteger base, BigInteger exp) {
        return factors != null ? factors.powModN(base, exp) : base.modPow(exp, params.n());
    }

    public RingPedersen params() {
        return params;
    }

    public BigInteger lambda() {
        if (lambda == null) throw new IllegalStateException("destroyed");
        return lambda;
    }

    public BigInteger phi() {
        if (phi == null) throw new IllegalStateException("destroyed");
        return phi;
    }

    public void destroy() {
        lambda = null;
        phi = null;
    }

    @Override
    public String toString() {
        return "RingPedersenSecret[secret redacted]";
    }
}
