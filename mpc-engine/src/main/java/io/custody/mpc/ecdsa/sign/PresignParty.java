package io.custody.mpc.ecdsa.sign;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.dkg.KeyShare;
import io.custody.mpc.ecdsa.math.IntegerMath;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.round.AbortSignal;
import io.custody.mpc.ecdsa.round.BoundedVerification;
import io.custody.mpc.ecdsa.zk.Verdict;
import java.util.function.Supplier;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.ecdsa.round.Receipt;
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
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signer of the offline (presigning) phase for a set of t + 1 signers: the MtA-based GG20 structure with the
 * CGGMP21 proofs, in four rounds, every message a signed broadcast whose receipt the next round echoes.
 *
 * <ol>
 *   <li>K_i = enc_i(k_i), G_i = enc_i(gamma_i), with Pi^enc for K_i under each other signer's parameters (range
 *       proof on the MtA initiator's ciphertext).</li>
 *   <li>Gamma_i = gamma_i G, the echo of round 1, and for each j the two MtA responses D/F (for gamma_i k_j) and
 *       D^/F^ (for w_i k_j, w_i the Lagrange-weighted key share) each with Pi^aff-g binding the multiplier to Gamma_i
 *       or W_i = w_i G, and Pi^log* tying G_i to Gamma_i. Only j verifies j's proofs, but every signer keeps the
 *       ciphertexts for identification.</li>
 *   <li>delta_i, Delta_i = k_i Gamma, S_i = chi_i Gamma, the echo of round 2, and Pi^log* tying K_i to Delta_i for
 *       every other signer. Each signer then checks delta G = sum Delta_j and sum chi_j R = X.</li>
 *   <li>The echo of round 3, so that all signers know they evaluated those checks on the same values; and if the
 *       checks failed, the signer's {@link PresignOpening}. With a failure every signer identifies the culprit from
 *       the openings ({@link PresignIdentification}); without one the presignature is released.</li>
 * </ol>
 *
 * The presignature exists only after round 4: a signer that passed its checks still waits for everyone's echo, so a
 * run in which one signer equivocated (some signers fail, some pass) ends in an abort for all of them and no opened
 * nonce ever belongs to a usable presignature.
 */
public final class PresignParty extends RoundBasedParty<Presignature> {

    public static final String PROTOCOL = "ecdsa-secp256k1-presign/2";
    private static final BigInteger Q = Secp256k1.Q;

    private final KeyShare share;
    private final SecureRandom random;
    private final PaillierPublicKey myKey;
    /**
     * This signer's own Paillier factorisation, used only to compute its own encryptions faster (CRT; equal results,
     * see {@link io.custody.mpc.ecdsa.paillier.PaillierSecretKey#encrypt}); null for a share whose stored secret key
     * does not match its own public key, which then keeps the public-key arithmetic.
     */
    private final io.custody.mpc.ecdsa.paillier.PaillierSecretKey mySecret;
    private final RingPedersen myRp;
    private BigInteger k;
    private BigInteger gamma;
    private BigInteger rho;
    private BigInteger nu;
    private BigInteger w;
    private final ECPoint bigGamma;
    private final Map<Integer, ECPoint> bigW = new HashMap<>();
    private final Map<Integer, BigInteger> bigK = new HashMap<>();
    private final Map<Integer, BigInteger> bigG = new HashMap<>();
    private final Map<Integer, Map<Integer, MtaResponse>> mta = new HashMap<>();
    private final Map<Integer, PresignOpening.MaskOpening> masks = new HashMap<>();
    private final Map<Integer, BigInteger> betaHat = new HashMap<>();
    private final Map<Integer, BigInteger> betaHatNonce = new HashMap<>();
    private final SortedMap<Integer, ECPoint> gammas = new TreeMap<>();
    private final Map<Integer, BigInteger> deltas = new TreeMap<>();
    private final Map<Integer, ECPoint> bigDeltas = new TreeMap<>();
    private final Map<Integer, ECPoint> bigSs = new TreeMap<>();
    private BigInteger chi;
    private ECPoint sumGamma;
    private String failedCheck;
    private PresignOpening myOpening;
    private ECPoint bigR;
    private final Map<Integer, ECPoint> nonceCommitments = new TreeMap<>();
    private final Map<Integer, ECPoint> chiCommitments = new TreeMap<>();
    private Presignature output;
    private final PresignDeviation deviation;
    private java.time.Duration verificationDeadline = BoundedVerification.DEFAULT_DEADLINE;

    public PresignParty(String sessionId, KeyShare share, List<Integer> signers, PartyKeys keys,
                        SecureRandom random) {
        this(sessionId, share, signers, keys, random, PresignDeviation.HONEST);
    }

    PresignParty(String sessionId, KeyShare share, List<Integer> signers, PartyKeys keys, SecureRandom random,
                 PresignDeviation deviation) {
        super(sessionId, PROTOCOL, share.partyIndex(), signers, keys);
        this.deviation = deviation;
        if (parties.size() != share.threshold() + 1) {
            throw new IllegalArgumentException("exactly t + 1 = " + (share.threshold() + 1) + " signers sign");
        }
        if (!share.parties().containsAll(parties)) throw new IllegalArgumentException("unknown signer");
        this.share = share;
        this.random = random;
        this.myKey = share.paillierKey(self);
        this.mySecret = share.paillierSecret().publicKey().equals(myKey) ? share.paillierSecret() : null;
        this.myRp = share.ringPedersen(self);
        for (int j : parties) bigW.put(j, share.publicShare(j).multiply(lagrange(j)).normalize());
        this.w = lagrange(self).multiply(share.secretShare()).mod(Q);
        this.k = Secp256k1.randomScalar(random);
        this.gamma = Secp256k1.randomScalar(random);
        this.rho = myKey.randomNonce(random);
        this.nu = myKey.randomNonce(random);
        bigK.put(self, encryptOwn(k, rho));
        bigG.put(self, encryptOwn(gamma, nu));
        this.bigGamma = Secp256k1.mulG(gamma);
    }

    /** enc(m; r) under this signer's own key, through its factorisation when it has the matching one. */
    private BigInteger encryptOwn(BigInteger m, BigInteger r) {
        return mySecret != null ? mySecret.encrypt(m, r) : myKey.encrypt(m, r);
    }

    /**
     * How long this signer waits for one round's proof verification before it aborts naming the first peer whose
     * proofs are still being checked ({@link BoundedVerification}).
     */
    public PresignParty withVerificationDeadline(java.time.Duration deadline) {
        this.verificationDeadline = deadline;
        return this;
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
        return new ProofContext(sessionId, protocol, round, prover, verifier, share.level());
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return true;
    }

    @Override
    protected int lastRound() {
        return 4;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        WireWriter out = new WireWriter("presign.r1").big(bigK.get(self)).big(bigG.get(self))
                .integer(parties.size() - 1);
        for (int j : others()) {
            out.integer(j);
            (mySecret != null
                    ? EncProof.prove(mySecret, bigK.get(self), k, rho, share.ringPedersen(j), ctx(1, self, j), random)
                    : EncProof.prove(myKey, bigK.get(self), k, rho, share.ringPedersen(j), ctx(1, self, j), random))
                    .write(out);
        }
        return List.of(broadcast(1, out.toBytes()));
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        return switch (round) {
            case 1 -> afterRound1(payloads);
            case 2 -> afterRound2(payloads);
            case 3 -> afterRound3(payloads);
            case 4 -> afterRound4(payloads);
            default -> throw new IllegalStateException();
        };
    }

    private List<ProtocolMessage> afterRound1(SortedMap<Integer, byte[]> payloads) {
        SortedMap<Integer, Supplier<Verdict>> proofs = new TreeMap<>();
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
            proofs.put(j, () -> proof.verify(nj, kg[0], myRp, ctx(1, j, self)));
            bigK.put(j, kg[0]);
            bigG.put(j, kg[1]);
        }
        BoundedVerification.verifyAll(proofs, verificationDeadline);
        WireWriter m = new WireWriter("presign.r2").point(bigGamma);
        writeEcho(m, 1);
        Map<Integer, MtaResponse> mine = new HashMap<>();
        for (int j : others()) {
            PaillierPublicKey nj = share.paillierKey(j);
            RingPedersen rpj = share.ringPedersen(j);
            m.integer(j);
            BigInteger b = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
            BigInteger bh = IntegerMath.symmetric(ZkParams.ELL_PRIME, random);
            BigInteger[] df = mta(m, j, nj, rpj, gamma, bigGamma, b);
            BigInteger[] dfHat = mta(m, j, nj, rpj, w, bigW.get(self), bh);
            masks.put(j, new PresignOpening.MaskOpening(b, df[2], df[3]));
            betaHat.put(j, bh);
            betaHatNonce.put(j, dfHat[3]);
            mine.put(j, new MtaResponse(df[0], df[1], dfHat[0], dfHat[1]));
            (mySecret != null
                    ? LogStarProof.prove(mySecret, bigG.get(self), bigGamma, Secp256k1.G, gamma, nu, rpj,
                            ctx(2, self, j), random)
                    : LogStarProof.prove(myKey, bigG.get(self), bigGamma, Secp256k1.G, gamma, nu, rpj,
                            ctx(2, self, j), random))
                    .write(m);
        }
        mta.put(self, mine);
        return List.of(broadcast(2, m.toBytes()));
    }

    /**
     * Writes D = K_j^x * enc_j(y; s), F = enc_i(y; r) and the affine proof that x is the log of X; returns
     * {D, F, s, r}.
     */
    private BigInteger[] mta(WireWriter m, int j, PaillierPublicKey nj, RingPedersen rpj, BigInteger x, ECPoint bigX,
                             BigInteger y) {
        BigInteger s = nj.randomNonce(random);
        BigInteger r = myKey.randomNonce(random);
        BigInteger d = nj.add(nj.multiply(bigK.get(j), x), nj.encrypt(y, s));
        BigInteger f = encryptOwn(y, r);
        AffGProof.Statement st = new AffGProof.Statement(nj, myKey, bigK.get(j), d, f, bigX);
        m.big(d).big(f);
        (mySecret != null
                ? AffGProof.prove(st, mySecret, x, y, s, r, rpj, ctx(2, self, j), random)
                : AffGProof.prove(st, x, y, s, r, rpj, ctx(2, self, j), random)).write(m);
        return new BigInteger[] {d, f, s, r};
    }

    /** A peer's round-2 broadcast: its Gamma, its echo of round 1, and its responses to every peer. */
    private record Round2(ECPoint gamma, List<Receipt> echo, Map<Integer, MtaResponse> responses, AffGProof affG,
                          AffGProof affGHat, LogStarProof logStar) {
    }

    private Round2 readRound2(int j, byte[] payload) {
        return parse(j, () -> {
            WireReader in = new WireReader(payload, "presign.r2");
            ECPoint g = in.point();
            List<Receipt> echo = readEcho(in);
            Map<Integer, MtaResponse> responses = new HashMap<>();
            AffGProof[] proofs = new AffGProof[2];
            LogStarProof logStar = null;
            for (int to : parties) {
                if (to == j) continue;
                if (in.integer() != to) throw new MalformedMessageException("responses out of order");
                BigInteger d = in.big();
                BigInteger f = in.big();
                AffGProof a = AffGProof.read(in);
                BigInteger dh = in.big();
                BigInteger fh = in.big();
                AffGProof ah = AffGProof.read(in);
                LogStarProof l = LogStarProof.read(in);
                responses.put(to, new MtaResponse(d, f, dh, fh));
                if (to == self) {
                    proofs[0] = a;
                    proofs[1] = ah;
                    logStar = l;
                }
            }
            in.end();
            return new Round2(g, echo, responses, proofs[0], proofs[1], logStar);
        });
    }

    private List<ProtocolMessage> afterRound2(SortedMap<Integer, byte[]> payloads) {
        BigInteger sumAlpha = BigInteger.ZERO;
        BigInteger sumAlphaHat = BigInteger.ZERO;
        gammas.put(self, bigGamma);
        SortedMap<Integer, Round2> received = new TreeMap<>();
        SortedMap<Integer, Supplier<Verdict>> proofs = new TreeMap<>();
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            PaillierPublicKey nj = share.paillierKey(j);
            Round2 v = readRound2(j, e.getValue());
            received.put(j, v);
            checkEcho(j, 1, v.echo(), "presign.echo");
            MtaResponse toMe = v.responses().get(self);
            for (var r : v.responses().entrySet()) {
                PaillierPublicKey nto = share.paillierKey(r.getKey());
                MtaResponse resp = r.getValue();
                AbortSignal.require(j, nto.isValidCiphertext(resp.d()) && nto.isValidCiphertext(resp.dHat())
                        && nj.isValidCiphertext(resp.f()) && nj.isValidCiphertext(resp.fHat()),
                        "presign.ciphertext", "an MtA response to party " + r.getKey() + " is not a ciphertext");
            }
            proofs.put(j, () -> firstFailure(
                    () -> v.affG().verify(new AffGProof.Statement(myKey, nj, bigK.get(self), toMe.d(), toMe.f(),
                            v.gamma()), myRp, ctx(2, j, self)),
                    () -> v.affGHat().verify(new AffGProof.Statement(myKey, nj, bigK.get(self), toMe.dHat(),
                            toMe.fHat(), bigW.get(j)), myRp, ctx(2, j, self)),
                    () -> v.logStar().verify(nj, bigG.get(j), v.gamma(), Secp256k1.G, myRp, ctx(2, j, self))));
        }
        BoundedVerification.verifyAll(proofs, verificationDeadline);
        for (var e : received.entrySet()) {
            int j = e.getKey();
            Round2 v = e.getValue();
            MtaResponse toMe = v.responses().get(self);
            sumAlpha = sumAlpha.add(share.paillierSecret().decryptCentred(toMe.d()));
            sumAlphaHat = sumAlphaHat.add(share.paillierSecret().decryptCentred(toMe.dHat()));
            gammas.put(j, v.gamma());
            mta.put(j, v.responses());
        }
        ECPoint sum = Secp256k1.G.getCurve().getInfinity();
        for (ECPoint g : gammas.values()) sum = sum.add(g);
        sumGamma = sum.normalize();
        AbortSignal.require(AbortSignal.UNIDENTIFIED, !sumGamma.isInfinity(), "presign.gamma", "Gamma is the identity");
        BigInteger sumBeta = masks.values().stream().map(PresignOpening.MaskOpening::beta)
                .reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger sumBetaHat = betaHat.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger delta = deviation.delta(gamma.multiply(k).add(sumAlpha).subtract(sumBeta).mod(Q));
        chi = w.multiply(k).add(sumAlphaHat).subtract(sumBetaHat).mod(Q);
        ECPoint bigDelta = Secp256k1.mulSecret(sumGamma, k);
        ECPoint bigS = deviation.bigS(Secp256k1.mulSecret(sumGamma, chi));
        WireWriter m = new WireWriter("presign.r3").big(delta).point(bigDelta).point(bigS);
        writeEcho(m, 2);
        for (int j : others()) {
            (mySecret != null
                    ? LogStarProof.prove(mySecret, bigK.get(self), bigDelta, sumGamma, k, rho, share.ringPedersen(j),
                            ctx(3, self, j), random)
                    : LogStarProof.prove(myKey, bigK.get(self), bigDelta, sumGamma, k, rho, share.ringPedersen(j),
                            ctx(3, self, j), random)).write(m);
        }
        deltas.put(self, delta);
        bigDeltas.put(self, bigDelta);
        bigSs.put(self, bigS);
        return List.of(broadcast(3, m.toBytes()));
    }

    private List<ProtocolMessage> afterRound3(SortedMap<Integer, byte[]> payloads) {
        SortedMap<Integer, Supplier<Verdict>> proofs = new TreeMap<>();
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            Object[] v = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "presign.r3");
                BigInteger dj = in.big();
                ECPoint bigDj = in.point();
                ECPoint bigSj = in.point();
                List<Receipt> echo = readEcho(in);
                LogStarProof mine = null;
                for (int to : parties) {
                    if (to == j) continue;
                    LogStarProof p = LogStarProof.read(in);
                    if (to == self) mine = p;
                }
                in.end();
                return new Object[] {dj, bigDj, bigSj, echo, mine};
            });
            @SuppressWarnings("unchecked") List<Receipt> echo = (List<Receipt>) v[3];
            checkEcho(j, 2, echo, "presign.echo-round2");
            BigInteger dj = (BigInteger) v[0];
            AbortSignal.require(j, dj.signum() >= 0 && dj.compareTo(Q) < 0, "presign.delta-range", "delta not in Z_q");
            ECPoint bigDj = (ECPoint) v[1];
            LogStarProof proof = (LogStarProof) v[4];
            proofs.put(j, () -> proof.verify(share.paillierKey(j), bigK.get(j), bigDj, sumGamma, myRp,
                    ctx(3, j, self)));
            deltas.put(j, dj);
            bigDeltas.put(j, bigDj);
            bigSs.put(j, (ECPoint) v[2]);
        }
        BoundedVerification.verifyAll(proofs, verificationDeadline);
        failedCheck = globalChecks();
        WireWriter m = new WireWriter("presign.r4");
        writeEcho(m, 3);
        boolean opens = deviation.opens(failedCheck != null);
        m.bool(opens);
        if (opens) {
            myOpening = deviation.opening(open());
            myOpening.write(m);
        }
        return List.of(broadcast(4, m.toBytes()));
    }

    /** The first failing verdict of several proofs of one sender, in order, or OK. */
    @SafeVarargs
    private static Verdict firstFailure(Supplier<Verdict>... checks) {
        for (Supplier<Verdict> c : checks) {
            Verdict v = c.get();
            if (!v.isOk()) return v;
        }
        return Verdict.ok();
    }

    /** delta G = sum Delta_j, then sum chi_j R = X; returns the failed check, or null after fixing R. */
    private String globalChecks() {
        BigInteger sumDelta = deltas.values().stream().reduce(BigInteger.ZERO, BigInteger::add).mod(Q);
        ECPoint sumBigDelta = Secp256k1.G.getCurve().getInfinity();
        for (ECPoint p : bigDeltas.values()) sumBigDelta = sumBigDelta.add(p);
        if (sumDelta.signum() == 0 || !Secp256k1.mulG(sumDelta).equals(sumBigDelta.normalize())) {
            return "presign.delta-consistency";
        }
        BigInteger deltaInv = sumDelta.modInverse(Q);
        ECPoint sumChi = Secp256k1.G.getCurve().getInfinity();
        for (int p : parties) {
            nonceCommitments.put(p, bigDeltas.get(p).multiply(deltaInv).normalize());
            ECPoint c = bigSs.get(p).multiply(deltaInv).normalize();
            chiCommitments.put(p, c);
            sumChi = sumChi.add(c);
        }
        if (!sumChi.normalize().equals(share.publicKey())) return "presign.chi-consistency";
        bigR = sumGamma.multiply(deltaInv).normalize();
        return null;
    }

    /** This signer's opening of the failed run (its nonces are never used again: the run is aborted). */
    private PresignOpening open() {
        SortedMap<Integer, ECPoint> hat = new TreeMap<>();
        for (int j : others()) hat.put(j, Secp256k1.mulG(betaHat.get(j).mod(Q)));
        SortedMap<Integer, SortedMap<Integer, LogStarProof>> proofs = new TreeMap<>();
        for (int v : others()) {
            SortedMap<Integer, LogStarProof> perPeer = new TreeMap<>();
            for (int j : others()) {
                perPeer.put(j, mySecret != null
                        ? LogStarProof.proveInRange(ZkParams.ELL_PRIME, mySecret, mta.get(self).get(j).fHat(),
                                hat.get(j), Secp256k1.G, betaHat.get(j), betaHatNonce.get(j), share.ringPedersen(v),
                                ctx(4, self, v), random)
                        : LogStarProof.proveInRange(ZkParams.ELL_PRIME, myKey, mta.get(self).get(j).fHat(),
                                hat.get(j), Secp256k1.G, betaHat.get(j), betaHatNonce.get(j), share.ringPedersen(v),
                                ctx(4, self, v), random));
            }
            proofs.put(v, perPeer);
        }
        return new PresignOpening(k, rho, gamma, nu, new TreeMap<>(masks), hat, proofs);
    }

    private List<ProtocolMessage> afterRound4(SortedMap<Integer, byte[]> payloads) {
        Map<Integer, PresignOpening> openings = new TreeMap<>();
        Map<Integer, Boolean> claims = new TreeMap<>();
        for (var e : payloads.entrySet()) {
            int j = e.getKey();
            List<Integer> peers = parties.stream().filter(p -> p != j).toList();
            Object[] v = parse(j, () -> {
                WireReader in = new WireReader(e.getValue(), "presign.r4");
                List<Receipt> echo = readEcho(in);
                boolean failed = in.bool();
                PresignOpening o = failed ? PresignOpening.read(in, peers) : null;
                in.end();
                return new Object[] {echo, failed, o};
            });
            @SuppressWarnings("unchecked") List<Receipt> echo = (List<Receipt>) v[0];
            checkEcho(j, 3, echo, "presign.echo-round3");
            claims.put(j, (Boolean) v[1]);
            if (v[2] != null) openings.put(j, (PresignOpening) v[2]);
        }
        // the echoes agree, so every honest signer evaluated the global checks on the same values as this one
        for (var c : claims.entrySet()) {
            AbortSignal.require(c.getKey(), c.getValue() == (failedCheck != null),
                    failedCheck == null ? "presign.identification-unexpected" : "presign.identification-missing",
                    failedCheck == null ? "opened its nonces although every check passed"
                            : "did not open its nonces after " + failedCheck + " failed");
        }
        if (failedCheck != null) {
            // a signer that failed but did not send its opening (only a deviant can) still identifies with it
            openings.put(self, myOpening != null ? myOpening : open());
            PresignIdentification.Transcript t = new PresignIdentification.Transcript(parties, bigK, bigG, gammas,
                    mta, deltas, bigSs, bigW);
            throw new PresignIdentification(share, sessionId, protocol, t).identify(openings, failedCheck);
        }
        output = new Presignature(sessionId, self, parties, bigR, nonceCommitments, chiCommitments, share.publicKey(),
                share.chainCode(), share.level(), k, chi);
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
        masks.clear();
        betaHat.clear();
        betaHatNonce.clear();
        myOpening = null;
    }
}
