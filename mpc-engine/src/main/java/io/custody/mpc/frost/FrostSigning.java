package io.custody.mpc.frost;

import org.bouncycastle.math.ec.ECPoint;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FROST signing operations of RFC 9591 sections 4 and 5, one static function per algorithm of the RFC, all
 * parameterised by the ciphersuite. State and message handling live in {@link FrostSigningParty}.
 */
public final class FrostSigning {

    private FrostSigning() {
    }

    /** nonce_generate (section 4.1) with caller-supplied randomness, which is how the test vectors fix it. */
    public static BigInteger nonceGenerate(Ciphersuite cs, BigInteger secret, byte[] random32) {
        if (random32.length != 32) {
            throw new IllegalArgumentException("nonce randomness must be 32 bytes");
        }
        return cs.h3(concat(random32, cs.serializeScalar(secret)));
    }

    /** commit (section 5.1). */
    public static SigningNonces commit(Ciphersuite cs, int identifier, BigInteger share, SecureRandom random) {
        byte[] r1 = new byte[32];
        byte[] r2 = new byte[32];
        random.nextBytes(r1);
        random.nextBytes(r2);
        try {
            return commitWith(cs, identifier, share, r1, r2);
        } finally {
            java.util.Arrays.fill(r1, (byte) 0);
            java.util.Arrays.fill(r2, (byte) 0);
        }
    }

    public static SigningNonces commitWith(Ciphersuite cs, int identifier, BigInteger share, byte[] hidingRandom,
                                           byte[] bindingRandom) {
        BigInteger d = nonceGenerate(cs, share, hidingRandom);
        BigInteger e = nonceGenerate(cs, share, bindingRandom);
        SigningCommitment c = new SigningCommitment(identifier, cs.multiplyBase(d), cs.multiplyBase(e));
        return new SigningNonces(SecretScalar.of(d), SecretScalar.of(e), c);
    }

    static List<SigningCommitment> sorted(List<SigningCommitment> list) {
        List<SigningCommitment> s = new ArrayList<>(list);
        s.sort(Comparator.comparingInt(SigningCommitment::identifier));
        for (int i = 1; i < s.size(); i++) {
            if (s.get(i).identifier() == s.get(i - 1).identifier()) {
                throw new IllegalArgumentException("duplicate identifier " + s.get(i).identifier());
            }
        }
        return s;
    }

    /** encode_group_commitment_list (section 4.3). */
    public static byte[] encodeGroupCommitmentList(Ciphersuite cs, List<SigningCommitment> commitments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SigningCommitment c : sorted(commitments)) {
            out.writeBytes(cs.serializeScalar(BigInteger.valueOf(c.identifier())));
            out.writeBytes(cs.serializeElement(c.hiding()));
            out.writeBytes(cs.serializeElement(c.binding()));
        }
        return out.toByteArray();
    }

    /** The rho_input of section 4.4 for one signer, exposed because the test vectors list it. */
    public static byte[] bindingFactorInput(Ciphersuite cs, ECPoint groupPublicKey, List<SigningCommitment> commitments,
                                            byte[] message, int identifier) {
        return concat(bindingPrefix(cs, groupPublicKey, commitments, message),
                cs.serializeScalar(BigInteger.valueOf(identifier)));
    }

    private static byte[] bindingPrefix(Ciphersuite cs, ECPoint groupPublicKey, List<SigningCommitment> commitments,
                                        byte[] message) {
        return concat(cs.serializeElement(groupPublicKey), cs.h4(message),
                cs.h5(encodeGroupCommitmentList(cs, commitments)));
    }

    /** compute_binding_factors (section 4.4). */
    public static Map<Integer, BigInteger> computeBindingFactors(Ciphersuite cs, ECPoint groupPublicKey,
                                                                 List<SigningCommitment> commitments, byte[] message) {
        byte[] prefix = bindingPrefix(cs, groupPublicKey, commitments, message);
        Map<Integer, BigInteger> factors = new LinkedHashMap<>();
        for (SigningCommitment c : sorted(commitments)) {
            factors.put(c.identifier(), cs.h1(concat(prefix, cs.serializeScalar(BigInteger.valueOf(c.identifier())))));
        }
        return factors;
    }

    /** compute_group_commitment (section 4.5). */
    public static ECPoint computeGroupCommitment(Ciphersuite cs, List<SigningCommitment> commitments,
                                                 Map<Integer, BigInteger> bindingFactors) {
        ECPoint r = cs.identity();
        for (SigningCommitment c : sorted(commitments)) {
            r = r.add(c.hiding()).add(c.binding().multiply(bindingFactors.get(c.identifier())));
        }
        return r.normalize();
    }

    /** compute_challenge (section 4.6). */
    public static BigInteger computeChallenge(Ciphersuite cs, ECPoint groupCommitment, ECPoint groupPublicKey,
                                              byte[] message) {
        return cs.h2(concat(cs.serializeElement(groupCommitment), cs.serializeElement(groupPublicKey), message));
    }

    /** derive_interpolating_value (section 4.2). */
    public static BigInteger lagrangeCoefficient(Ciphersuite cs, List<Integer> identifiers, int identifier) {
        BigInteger q = cs.order();
        if (!identifiers.contains(identifier)) {
            throw new IllegalArgumentException("identifier " + identifier + " not in the signer list");
        }
        if (identifiers.stream().distinct().count() != identifiers.size()) {
            throw new IllegalArgumentException("duplicate identifiers in the signer list");
        }
        BigInteger xi = BigInteger.valueOf(identifier);
        BigInteger num = BigInteger.ONE;
        BigInteger den = BigInteger.ONE;
        for (int j : identifiers) {
            if (j == identifier) {
                continue;
            }
            BigInteger xj = BigInteger.valueOf(j);
            num = num.multiply(xj).mod(q);
            den = den.multiply(xj.subtract(xi)).mod(q);
        }
        return num.multiply(den.modInverse(q)).mod(q);
    }

    private static List<Integer> ids(List<SigningCommitment> commitments) {
        return sorted(commitments).stream().map(SigningCommitment::identifier).toList();
    }

    /**
     * The per-run values every signer derives from the commitment list (binding factors, group commitment, challenge,
     * signer identifiers), computed once per run instead of once per share check; the results equal the RFC's.
     */
    public record Context(Map<Integer, BigInteger> bindingFactors, ECPoint groupCommitment, BigInteger challenge,
                          List<Integer> identifiers, Map<Integer, SigningCommitment> commitments) {
    }

    public static Context context(Ciphersuite cs, ECPoint groupPublicKey, List<SigningCommitment> commitments,
                                  byte[] message) {
        Map<Integer, BigInteger> rho = computeBindingFactors(cs, groupPublicKey, commitments, message);
        ECPoint r = computeGroupCommitment(cs, commitments, rho);
        BigInteger c = computeChallenge(cs, r, groupPublicKey, message);
        Map<Integer, SigningCommitment> byId = new LinkedHashMap<>();
        sorted(commitments).forEach(x -> byId.put(x.identifier(), x));
        return new Context(rho, r, c, ids(commitments), byId);
    }

    /** sign with a precomputed context; the nonces are destroyed afterwards. */
    public static BigInteger sign(Ciphersuite cs, int identifier, BigInteger share, SigningNonces nonces, Context ctx) {
        try {
            BigInteger lambda = lagrangeCoefficient(cs, ctx.identifiers(), identifier);
            return nonces.hiding().value()
                    .add(nonces.binding().value().multiply(ctx.bindingFactors().get(identifier)))
                    .add(lambda.multiply(share).multiply(ctx.challenge()))
                    .mod(cs.order());
        } finally {
            nonces.destroy();
        }
    }

    /** verify_signature_share with a precomputed context. */
    public static boolean verifySignatureShare(Ciphersuite cs, int identifier, ECPoint verifyingShare,
                                               BigInteger signatureShare, Context ctx) {
        SigningCommitment own = ctx.commitments().get(identifier);
        if (own == null) {
            return false;
        }
        ECPoint commShare = own.hiding().add(own.binding().multiply(ctx.bindingFactors().get(identifier)));
        BigInteger lambda = lagrangeCoefficient(cs, ctx.identifiers(), identifier);
        ECPoint right = commShare.add(verifyingShare.multiply(ctx.challenge().multiply(lambda).mod(cs.order())))
                .normalize();
        return cs.multiplyBase(signatureShare).equals(right);
    }

    /** sign (section 5.2): the signer's share z_i; the nonces are destroyed afterwards so they cannot be reused. */
    public static BigInteger sign(Ciphersuite cs, int identifier, BigInteger share, ECPoint groupPublicKey,
                                  SigningNonces nonces, byte[] message, List<SigningCommitment> commitments) {
        try {
            BigInteger q = cs.order();
            Map<Integer, BigInteger> rho = computeBindingFactors(cs, groupPublicKey, commitments, message);
            BigInteger lambda = lagrangeCoefficient(cs, ids(commitments), identifier);
            ECPoint r = computeGroupCommitment(cs, commitments, rho);
            BigInteger c = computeChallenge(cs, r, groupPublicKey, message);
            return nonces.hiding().value()
                    .add(nonces.binding().value().multiply(rho.get(identifier)))
                    .add(lambda.multiply(share).multiply(c))
                    .mod(q);
        } finally {
            nonces.destroy();
        }
    }

    /** verify_signature_share (section 5.4). */
    public static boolean verifySignatureShare(Ciphersuite cs, int identifier, ECPoint verifyingShare,
                                               BigInteger signatureShare, List<SigningCommitment> commitments,
                                               ECPoint groupPublicKey, byte[] message) {
        Map<Integer, BigInteger> rho = computeBindingFactors(cs, groupPublicKey, commitments, message);
        SigningCommitment own = sorted(commitments).stream().filter(c -> c.identifier() == identifier).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no commitment for " + identifier));
        ECPoint commShare = own.hiding().add(own.binding().multiply(rho.get(identifier)));
        ECPoint r = computeGroupCommitment(cs, commitments, rho);
        BigInteger c = computeChallenge(cs, r, groupPublicKey, message);
        BigInteger lambda = lagrangeCoefficient(cs, ids(commitments), identifier);
        ECPoint left = cs.multiplyBase(signatureShare);
        ECPoint right = commShare.add(verifyingShare.multiply(c.multiply(lambda).mod(cs.order()))).normalize();
        return left.equals(right);
    }

    /** aggregate (section 5.3). */
    public static FrostSignature aggregate(Ciphersuite cs, List<SigningCommitment> commitments, byte[] message,
                                           ECPoint groupPublicKey, Map<Integer, BigInteger> signatureShares) {
        Map<Integer, BigInteger> rho = computeBindingFactors(cs, groupPublicKey, commitments, message);
        ECPoint r = computeGroupCommitment(cs, commitments, rho);
        BigInteger z = BigInteger.ZERO;
        for (BigInteger zi : signatureShares.values()) {
            z = z.add(zi);
        }
        return new FrostSignature(r, z.mod(cs.order()));
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
