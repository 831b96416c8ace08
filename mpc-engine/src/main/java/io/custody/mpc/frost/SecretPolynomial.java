package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A dealer polynomial f(x) = a0 + a1 x + ... + a_{t-1} x^{t-1} over the scalar field, with Feldman commitments. */
final class SecretPolynomial {

    private final Ciphersuite cs;
    private final List<SecretScalar> coefficients;

    private SecretPolynomial(Ciphersuite cs, List<SecretScalar> coefficients) {
        this.cs = cs;
        this.coefficients = coefficients;
    }

    /** Random polynomial of the given degree; {@code zeroConstant} makes f(0) = 0, which refresh needs. */
    static SecretPolynomial random(Ciphersuite cs, int degree, boolean zeroConstant, SecureRandom random) {
        List<SecretScalar> c = new ArrayList<>();
        c.add(SecretScalar.of(zeroConstant ? BigInteger.ZERO : cs.randomScalar(random)));
        for (int i = 1; i <= degree; i++) {
            c.add(SecretScalar.of(cs.randomScalar(random)));
        }
        return new SecretPolynomial(cs, c);
    }

    BigInteger constant() {
        return coefficients.get(0).value();
    }

    BigInteger evaluate(int x) {
        BigInteger q = cs.order();
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger acc = BigInteger.ZERO;
        for (int i = coefficients.size() - 1; i >= 0; i--) {
            acc = acc.multiply(bx).add(coefficients.get(i).value()).mod(q);
        }
        return acc;
    }

    /** g^{a_k} for k = from..t-1 (refresh omits k = 0, whose commitment is the identity). */
    List<ECPoint> commitments(int from) {
        List<ECPoint> out = new ArrayList<>();
        for (int k = from; k < coefficients.size(); k++) {
            out.add(cs.multiplyBase(coefficients.get(k).value()));
        }
        return out;
    }

    void destroy() {
        coefficients.forEach(SecretScalar::destroy);
    }

    /** The Feldman check value prod_k C_k^{x^k}, with {@code commitments.get(0)} standing for C_{offset}. */
    static ECPoint evaluateCommitment(Ciphersuite cs, List<ECPoint> commitments, int offset, int x) {
        BigInteger q = cs.order();
        BigInteger bx = BigInteger.valueOf(x);
        ECPoint acc = cs.identity();
        BigInteger power = bx.modPow(BigInteger.valueOf(offset), q);
        for (ECPoint c : commitments) {
            acc = acc.add(c.multiply(power));
            power = power.multiply(bx).mod(q);
        }
        return acc.normalize();
    }

    @Override
    public String toString() {
        return "SecretPolynomial[degree " + (coefficients.size() - 1) + ", redacted]";
    }
}
