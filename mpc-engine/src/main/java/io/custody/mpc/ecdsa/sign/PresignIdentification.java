package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.round.AbortSignal;
import io.custody.mpc.ecdsa.zk.ZkParams;
import io.custody.mpc.transcript.ProofContext;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Names the signer responsible for a failed presigning run from public data every honest signer holds identically
 * (all presigning messages are echo-checked broadcasts) plus every signer's {@link PresignOpening}.
 *
 * <p>Order matters and is fixed: first every opening is checked against that signer's own broadcast ciphertexts (a
 * lie there names the opener), only then are the delta_i and S_i recomputed from the verified openings, so an honest
 * signer's recomputed value never depends on a value nobody checked. With identical inputs every honest signer names
 * the same culprit.
 */
final class PresignIdentification {

    private static final BigInteger Q = Secp256k1.Q;
    private static final int NONCE_BITS = ZkParams.ELL + ZkParams.EPSILON;
    private static final int MASK_BITS = ZkParams.ELL_PRIME + ZkParams.EPSILON;

    /** Everything public the run produced, keyed by signer (mta: sender to recipient to response). */
    record Transcript(List<Integer> parties, Map<Integer, BigInteger> bigK, Map<Integer, BigInteger> bigG,
                      Map<Integer, ECPoint> gammas, Map<Integer, Map<Integer, MtaResponse>> mta,
                      Map<Integer, BigInteger> deltas, Map<Integer, ECPoint> bigS, Map<Integer, ECPoint> bigW) {
    }

    private final KeyShare share;
    private final int self;
    private final String sessionId;
    private final String protocol;
    private final Transcript t;

    PresignIdentification(KeyShare share, String sessionId, String protocol, Transcript transcript) {
        this.share = share;
        this.self = share.partyIndex();
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.t = transcript;
    }

    /**
     * Always throws: an abort naming the first signer whose opening or share is inconsistent, or, if every signer's
     * values check out (which a sound run cannot produce after a failed global check), the original failure unnamed.
     */
    AbortSignal identify(Map<Integer, PresignOpening> openings, String failedCheck) {
        for (int p : t.parties()) {
            if (p != self) checkOpening(p, openings.get(p));
        }
        for (int p : t.parties()) {
            AbortSignal.require(p, expectedDelta(p, openings).equals(t.deltas().get(p)), "presign.delta-share",
                    "delta_" + p + " is not k_i gamma_i plus its MtA shares (" + failedCheck + " failed)");
        }
        BigInteger gamma = BigInteger.ZERO;
        for (PresignOpening o : openings.values()) gamma = gamma.add(o.gamma());
        gamma = gamma.mod(Q);
        for (int p : t.parties()) {
            ECPoint chiG = expectedChiPoint(p, openings);
            AbortSignal.require(p, chiG.multiply(gamma).normalize().equals(t.bigS().get(p)), "presign.chi-share",
                    "S_" + p + " is not chi_i Gamma for the chi_i its MtA shares define (" + failedCheck
                            + " failed)");
        }
        return new AbortSignal(AbortSignal.UNIDENTIFIED, failedCheck,
                "every signer's opening and shares are consistent; no culprit can be named");
    }

    private void checkOpening(int p, PresignOpening o) {
        PaillierPublicKey np = share.paillierKey(p);
        AbortSignal.require(p, IntegerMath.inSymmetricRange(o.k(), NONCE_BITS)
                && IntegerMath.isUnit(o.rho(), np.n()) && np.encrypt(o.k(), o.rho()).equals(t.bigK().get(p)),
                "presign.opening-k", "k and its nonce do not open K");
        AbortSignal.require(p, IntegerMath.inSymmetricRange(o.gamma(), NONCE_BITS)
                && IntegerMath.isUnit(o.nu(), np.n()) && np.encrypt(o.gamma(), o.nu()).equals(t.bigG().get(p))
                && Secp256k1.mulG(o.gamma().mod(Q)).equals(t.gammas().get(p)),
                "presign.opening-gamma", "gamma and its nonce do not open G, or gamma G != Gamma");
        for (int j : t.parties()) {
            if (j == p) continue;
            PaillierPublicKey nj = share.paillierKey(j);
            PresignOpening.MaskOpening m = o.masks().get(j);
            MtaResponse sent = t.mta().get(p).get(j);
            boolean opens = IntegerMath.inSymmetricRange(m.beta(), MASK_BITS)
                    && IntegerMath.isUnit(m.s(), nj.n()) && IntegerMath.isUnit(m.r(), np.n())
                    && nj.add(nj.multiply(t.bigK().get(j), o.gamma()), nj.encrypt(m.beta(), m.s())).equals(sent.d())
                    && np.encrypt(m.beta(), m.r()).equals(sent.f());
            AbortSignal.require(p, opens, "presign.opening-mta",
                    "beta and nonces do not open the k gamma response sent to party " + j);
            AbortSignal.require(p, o.proofs().get(self).get(j).verifyInRange(ZkParams.ELL_PRIME, np, sent.fHat(),
                    o.hatMask().get(j), Secp256k1.G, share.ringPedersen(self),
                    new ProofContext(sessionId, protocol, 4, p, self, share.level())));
        }
    }

    /** k_p gamma_p + sum_j (k_p gamma_j + beta_jp - beta_pj) mod q: what delta_p must be. */
    private BigInteger expectedDelta(int p, Map<Integer, PresignOpening> openings) {
        PresignOpening op = openings.get(p);
        BigInteger sum = op.k().multiply(op.gamma());
        for (int j : t.parties()) {
            if (j == p) continue;
            PresignOpening oj = openings.get(j);
            sum = sum.add(op.k().multiply(oj.gamma())).add(oj.masks().get(p).beta())
                    .subtract(op.masks().get(j).beta());
        }
        return sum.mod(Q);
    }

    /** k_p W_p + sum_j (k_p W_j + B^_jp - B^_pj): chi_p G for the chi_p the k x responses define. */
    private ECPoint expectedChiPoint(int p, Map<Integer, PresignOpening> openings) {
        BigInteger kp = openings.get(p).k().mod(Q);
        ECPoint acc = t.bigW().get(p).multiply(kp);
        for (int j : t.parties()) {
            if (j == p) continue;
            acc = acc.add(t.bigW().get(j).multiply(kp)).add(openings.get(j).hatMask().get(p))
                    .subtract(openings.get(p).hatMask().get(j));
        }
        return acc.normalize();
    }
}
