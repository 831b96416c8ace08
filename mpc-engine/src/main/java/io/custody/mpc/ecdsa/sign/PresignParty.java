package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.round.AbortSignal;
import io.custody.mpc.ecdsa.round.RoundBasedParty;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.AffGProof;
import io.custody.mpc.ecdsa.zk.EncProof;
import io.custody.mpc.ecdsa.zk.LogStarProof;
import io.custody.mpc.ecdsa.zk.ZkParams;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signer of the offline (presigning) phase for a set of t + 1 signers: the MtA-based GG20 structure with the
 * CGGMP21 proofs, in three rounds.
 *
 * <ol>
 *   <li>Broadcast K_i = enc_i(k_i), G_i = enc_i(gamma_i), with Pi^enc for K_i to every other signer (range proof on
 *       the MtA initiator's ciphertext).</li>
 *   <li>To each j: Gamma_i = gamma_i G, the echo of round 1, the two MtA responses D/F (for gamma_i k_j) and D^/F^
 *       (for w_i k_j, w_i the Lagrange-weighted key share) each with Pi^aff-g binding the multiplier to Gamma_i or
 *       W_i = w_i G, and Pi^log* tying G_i to Gamma_i.</li>
 *   <li>Broadcast delta_i, Delta_i = k_i Gamma, S_i = chi_i Gamma, the Gamma values seen, and Pi^log* tying K_i to
 *       Delta_i for every other signer.</li>
 * </ol>
 *
 * The output R = delta^-1 Gamma is checked through delta G = sum Delta_j and sum chi_j R = X. Those two global checks
 * cannot name a single culprit (CGGMP21's identification round is not implemented; such aborts name party 0).
 */
public final class PresignParty extends RoundBasedParty<Presignature> {

    public static final String PROTOCOL = "ecdsa-secp256k1-presign/1";
    private static final BigInteger Q = Secp256k1.Q;

    private final KeyShare share;
    private final SecureRandom random;
    private final PaillierPublicKey myKey;
    private final RingPedersen myRp;
    private BigInteger k;
    private BigInteger gamma;
    private BigInteger rho;
    private BigInteger nu;
    private BigInteger w;
    private final BigInteger bigK;
    private final BigInteger bigG;
    private final ECPoint bigGamma;
    private final Map<Integer, ECPoint> bigW = new HashMap<>();
    private final Map<Integer, BigInteger> peerK = new HashMap<>();
    private final Map<Integer, BigInteger> peerG = new HashMap<>();
    private final Map<Integer, byte[]> round1Hashes = new TreeMap<>();
    private final Map<Integer, BigInteger> beta = new HashMap<>();
    private final Map<Integer, BigInteger> betaHat = new HashMap<>();
    private final SortedMap<Integer, ECPoint> gammas = new TreeMap<>();
    private final Map<Integer, BigInteger> deltas = new TreeMap<>();
    private final Map<Integer, ECPoint> bigDeltas = new TreeMap<>();
    private final Map<Integer, ECPoint> bigSs = new TreeMap<>();
    private BigInteger delta;
    private BigInteger chi;
    private ECPoint sumGamma;
    private Presignature output;

    public PresignParty(String sessionId, KeyShare share, List<Integer> signers, SecureRandom random) {
        super(sessionId, PROTOCOL, share.partyIndex(), signers);
        if (parties.size() != share.threshold() + 1) {
            throw new IllegalArgumentException("exactly t + 1 = " + (share.threshold() + 1) + " signers sign");
        }
        if (!share.parties().containsAll(parties)) throw new IllegalArgumentException("unknown signer");
        this.share = share;
        this.random = random;
        this.myKey = share.paillierKey(self);
        this.myRp = share.ringPedersen(self);
        for (int j : parties) bigW.put(j, share.publicShare(j).multiply(lagrange(j)).normalize());
        this.w = lagrange(self).multiply(share.secretShare()).mod(Q);
        this.k = Secp256k1.randomScalar(random);
        this.gamma = Secp256k1.randomScalar(random);
        this.rho = myKey.randomNonce(random);
        this.nu = myKey.randomNonce(random);
        this.bigK = myKey.encrypt(k, rho);
        this.bigG = myKey.encrypt(gamma, nu);
        this.bigGamma = Secp256k1.mulG(gamma);
    }

    private BigInteger lagrange(int i) {
        BigInteger num = BigInteger.ONE;
        BigInteger den = BigInteger.ONE;
        for (int j : parties) {
            if (j == i) continue;
            num = num.multiply(BigInteger.valueOf(j)).mod(Q);
            den = den.multiply(BigInteger.valueOf(j - i)).mod(Q);
        }
        return num.multiply(den.modInverse(Q)).mod(Q);
    }

    private ProofContext ctx(int round, int prover, int verifier) {
        return new ProofContext(sessionId, protocol, round, prover, verifier);
    }

    @Override
    protected int lastRound() {
        return 3;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        WireWriter out = new WireWriter("presign.r1").big(bigK).big(bigG).integer(parties.size() - 1);
        for (int j : others()) {
            out.integer(j);
            EncProof.prove(myKey, bigK, k, rho, share.ringPedersen(j), ctx(1, self, j), random).write(out);
        }
        byte[] payload = out.toBytes();
        round1Hashes.put(self, hash(payload));
        return List.of(broadcast(1, payload));
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        return switch (round) {
            case 1 -> afterRound1(payloads);
            case 2 -> afterRound2(payloads);
            case 3 -> afterRound3(payloads);
            default -> throw new IllegalStateException();
        };
    }

    private List<ProtocolMessage> afterRound1(SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            PaillierPublicKey nj = share.paillierKey(j);
            BigInteger[] kg = new BigInteger[2];
            EncProof proof = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "presign.r1");
                kg[0] = in.big();
                kg[1] = in.big();
                int count = in.integer();
                if (count != parties.size() - 1) throw new MalformedMessageException("proof count");
                EncProof mine = null;
                for (int c = 0; c < count; c++) {
                    int to = in.integer();
                    EncProof p = EncProof.read(in);
                    if (to == self) mine = p;
                }
                in.end();
                if (mine == null) throw new MalformedMessageException("no range proof for this party");
                return mine;
            });
            AbortSignal.require(j, nj.isValidCiphertext(kg[0]) && nj.isValidCiphertext(kg[1]),
                    "presign.ciphertext", "K or G is not a unit of Z_{N^2}");
            AbortSignal.require(j, proof.verify(nj, kg[0], myRp, ctx(1, j, self)));
            peerK.put(j, kg[0]);
            peerG.put(j, kg[1]);
            round1Hashes.put(j, hash(e.getValue()));
        }
        List<ProtocolMessage> out = new ArrayList<>();
        for (int j : others()) {
            PaillierPublicKey nj = share.paillierKey(j);
            RingPedersen rpj = share.ringPedersen(j);
            WireWriter m = new WireWriter("presign.r2").point(bigGamma);
            for (int p : parties) m.bytes(round1Hashes.get(p));
            BigInteger b = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
            BigInteger bh = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
            beta.put(j, b);
            betaHat.put(j, bh);
            mta(m, j, nj, rpj, gamma, bigGamma, b);
            mta(m, j, nj, rpj, w, bigW.get(self), bh);
            LogStarProof.prove(myKey, bigG, bigGamma, Secp256k1.G, gamma, nu, rpj, ctx(2, self, j), random).write(m);
            out.add(direct(2, j, m.toBytes()));
        }
        return out;
    }

    /** D = K_j^x * enc_j(y; s), F = enc_i(y; r), and the affine proof that x is the log of X. */
    private void mta(WireWriter m, int j, PaillierPublicKey nj, RingPedersen rpj, BigInteger x, ECPoint bigX,
                     BigInteger y) {
        BigInteger s = nj.randomNonce(random);
        BigInteger r = myKey.randomNonce(random);
        BigInteger d = nj.add(nj.multiply(peerK.get(j), x), nj.encrypt(y, s));
        BigInteger f = myKey.encrypt(y, r);
        AffGProof.Statement st = new AffGProof.Statement(nj, myKey, peerK.get(j), d, f, bigX);
        m.big(d).big(f);
        AffGProof.prove(st, x, y, s, r, rpj, ctx(2, self, j), random).write(m);
    }

    private List<ProtocolMessage> afterRound2(SortedMap<Integer, byte[]> payloads) {
        BigInteger sumAlpha = BigInteger.ZERO;
        BigInteger sumAlphaHat = BigInteger.ZERO;
        gammas.put(self, bigGamma);
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            PaillierPublicKey nj = share.paillierKey(j);
            Object[] v = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "presign.r2");
                ECPoint g = in.point();
                List<byte[]> echo = new ArrayList<>();
                for (int p = 0; p < parties.size(); p++) echo.add(in.bytes());
                Object[] r = {g, echo, in.big(), in.big(), AffGProof.read(in), in.big(), in.big(), AffGProof.read(in),
                        LogStarProof.read(in)};
                in.end();
                return r;
            });
            ECPoint gj = (ECPoint) v[0];
            @SuppressWarnings("unchecked") List<byte[]> echo = (List<byte[]>) v[1];
            for (int idx = 0; idx < parties.size(); idx++) {
                int p = parties.get(idx);
                if (!java.util.Arrays.equals(echo.get(idx), round1Hashes.get(p))) {
                    throw new AbortSignal(p == self ? j : p, "presign.echo",
                            "party " + j + " saw a different round-1 message from party " + p);
                }
            }
            BigInteger d = (BigInteger) v[2];
            BigInteger f = (BigInteger) v[3];
            BigInteger dh = (BigInteger) v[5];
            BigInteger fh = (BigInteger) v[6];
            AbortSignal.require(j, ((AffGProof) v[4]).verify(
                    new AffGProof.Statement(myKey, nj, bigK, d, f, gj), myRp, ctx(2, j, self)));
            AbortSignal.require(j, ((AffGProof) v[7]).verify(
                    new AffGProof.Statement(myKey, nj, bigK, dh, fh, bigW.get(j)), myRp, ctx(2, j, self)));
            AbortSignal.require(j, ((LogStarProof) v[8]).verify(nj, peerG.get(j), gj, Secp256k1.G, myRp,
                    ctx(2, j, self)));
            sumAlpha = sumAlpha.add(share.paillierSecret().decryptCentred(d));
            sumAlphaHat = sumAlphaHat.add(share.paillierSecret().decryptCentred(dh));
            gammas.put(j, gj);
        }
        ECPoint sum = Secp256k1.G.getCurve().getInfinity();
        for (ECPoint g : gammas.values()) sum = sum.add(g);
        sumGamma = sum.normalize();
        AbortSignal.require(AbortSignal.UNIDENTIFIED, !sumGamma.isInfinity(), "presign.gamma", "Gamma is the identity");
        BigInteger sumBeta = beta.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger sumBetaHat = betaHat.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        delta = gamma.multiply(k).add(sumAlpha).subtract(sumBeta).mod(Q);
        chi = w.multiply(k).add(sumAlphaHat).subtract(sumBetaHat).mod(Q);
        ECPoint bigDelta = sumGamma.multiply(k).normalize();
        ECPoint bigS = sumGamma.multiply(chi).normalize();
        WireWriter m = new WireWriter("presign.r3").big(delta).point(bigDelta).point(bigS);
        for (int p : parties) m.point(gammas.get(p));
        m.integer(parties.size() - 1);
        for (int j : others()) {
            m.integer(j);
            LogStarProof.prove(myKey, bigK, bigDelta, sumGamma, k, rho, share.ringPedersen(j), ctx(3, self, j), random)
                    .write(m);
        }
        deltas.put(self, delta);
        bigDeltas.put(self, bigDelta);
        bigSs.put(self, bigS);
        return List.of(broadcast(3, m.toBytes()));
    }

    private List<ProtocolMessage> afterRound3(SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            Object[] v = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "presign.r3");
                BigInteger dj = in.big();
                ECPoint bigDj = in.point();
                ECPoint bigSj = in.point();
                List<ECPoint> seen = new ArrayList<>();
                for (int p = 0; p < parties.size(); p++) seen.add(in.point());
                int count = in.integer();
                if (count != parties.size() - 1) throw new MalformedMessageException("proof count");
                LogStarProof mine = null;
                for (int c = 0; c < count; c++) {
                    int to = in.integer();
                    LogStarProof p = LogStarProof.read(in);
                    if (to == self) mine = p;
                }
                in.end();
                if (mine == null) throw new MalformedMessageException("no proof for this party");
                return new Object[] {dj, bigDj, bigSj, seen, mine};
            });
            @SuppressWarnings("unchecked") List<ECPoint> seen = (List<ECPoint>) v[3];
            for (int idx = 0; idx < parties.size(); idx++) {
                int p = parties.get(idx);
                if (!seen.get(idx).equals(gammas.get(p))) {
                    throw new AbortSignal(p == self ? j : p, "presign.gamma-echo",
                            "party " + j + " received a different Gamma from party " + p);
                }
            }
            BigInteger dj = (BigInteger) v[0];
            AbortSignal.require(j, dj.signum() >= 0 && dj.compareTo(Q) < 0, "presign.delta-range", "delta not in Z_q");
            ECPoint bigDj = (ECPoint) v[1];
            AbortSignal.require(j, ((LogStarProof) v[4]).verify(share.paillierKey(j), peerK.get(j), bigDj, sumGamma,
                    myRp, ctx(3, j, self)));
            deltas.put(j, dj);
            bigDeltas.put(j, bigDj);
            bigSs.put(j, (ECPoint) v[2]);
        }
        BigInteger sumDelta = deltas.values().stream().reduce(BigInteger.ZERO, BigInteger::add).mod(Q);
        ECPoint sumBigDelta = Secp256k1.G.getCurve().getInfinity();
        for (ECPoint p : bigDeltas.values()) sumBigDelta = sumBigDelta.add(p);
        AbortSignal.require(AbortSignal.UNIDENTIFIED, sumDelta.signum() != 0
                && Secp256k1.mulG(sumDelta).equals(sumBigDelta.normalize()), "presign.delta-consistency",
                "delta G != sum of Delta_j");
        BigInteger deltaInv = sumDelta.modInverse(Q);
        ECPoint bigR = sumGamma.multiply(deltaInv).normalize();
        Map<Integer, ECPoint> nonceCommitments = new TreeMap<>();
        Map<Integer, ECPoint> chiCommitments = new TreeMap<>();
        ECPoint sumChi = Secp256k1.G.getCurve().getInfinity();
        for (int p : parties) {
            nonceCommitments.put(p, bigDeltas.get(p).multiply(deltaInv).normalize());
            ECPoint c = bigSs.get(p).multiply(deltaInv).normalize();
            chiCommitments.put(p, c);
            sumChi = sumChi.add(c);
        }
        AbortSignal.require(AbortSignal.UNIDENTIFIED, sumChi.normalize().equals(share.publicKey()),
                "presign.chi-consistency", "sum of chi_j R != X");
        output = new Presignature(sessionId, self, parties, bigR, nonceCommitments, chiCommitments, share.publicKey(),
                share.chainCode(), k, chi);
        clearLocal();
        return List.of();
    }

    @Override
    protected Presignature result() {
        return output;
    }

    @Override
    protected void discardSecrets() {
        clearLocal();
    }

    private void clearLocal() {
        k = null;
        gamma = null;
        rho = null;
        nu = null;
        w = null;
        chi = null;
        delta = null;
        beta.clear();
        betaHat.clear();
    }

    private static byte[] hash(byte[] payload) {
        BigInteger h = Transcript.start("presign/echo", new ProofContext("", "", 1, 0, 0)).append("m", payload)
                .challengeBelow("h", BigInteger.ONE.shiftLeft(256));
        return h.toByteArray();
    }
}
