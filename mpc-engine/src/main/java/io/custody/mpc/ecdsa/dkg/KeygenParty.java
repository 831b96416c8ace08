package io.custody.mpc.ecdsa.dkg;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import io.custody.mpc.ecdsa.paillier.PaillierPublicKey;
import io.custody.mpc.ecdsa.paillier.PaillierSecretKey;
import io.custody.mpc.ecdsa.paillier.RingPedersen;
import io.custody.mpc.ecdsa.paillier.RingPedersenSecret;
import io.custody.mpc.ecdsa.paillier.SafePrimePool;
import io.custody.mpc.ecdsa.round.AbortSignal;
import io.custody.mpc.ecdsa.round.BoundedVerification;
import io.custody.mpc.ecdsa.zk.SecurityLevel;
import io.custody.mpc.ecdsa.round.PartyKeys;
import io.custody.mpc.ecdsa.round.Receipt;
import io.custody.mpc.ecdsa.round.RoundBasedParty;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.ecdsa.zk.FacProof;
import io.custody.mpc.ecdsa.zk.ModProof;
import io.custody.mpc.ecdsa.zk.PrmProof;
import io.custody.mpc.ecdsa.zk.SchnorrProof;
import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One party of t-of-n key generation (GG18 structure with CGGMP21 auxiliary information) or of a proactive refresh.
 *
 * <ol>
 *   <li>Round 1, broadcast: a hash commitment to the Feldman commitments of a random degree-t polynomial, a chain-code
 *       contribution, the Paillier modulus N_i and ring-Pedersen (s_i, t_i).</li>
 *   <li>Round 2, broadcast: the echo of every round-1 commitment this party saw, the opening, a Schnorr proof of the
 *       constant term, Pi^mod for N_i and Pi^prm for (N_i, s_i, t_i). Receivers check echo, opening and proofs.</li>
 *   <li>Round 3, to each j: the share f_i(j) encrypted under N_j, and Pi^fac for N_i made against j's ring-Pedersen
 *       parameters. Receivers check the proof, the plaintext range and the share against the Feldman commitments.</li>
 * </ol>
 *
 * In refresh mode the polynomial has constant term 0 (no Schnorr proof, no A_0), the new share is old + sum of the
 * received shares, the joint key and chain code stay, and every party gets a fresh Paillier key. A refresh has a
 * fourth round, broadcast: once its new share is computed, a party hands it to {@code beforeAck} (the node stores it
 * as pending, next to the old one) and then acknowledges a digest of the new public state (generation, public
 * shares, Paillier and ring-Pedersen keys). The run is done only when every party acknowledged the same digest; the
 * signed acknowledgements form the {@link #certificate()} under which the node commits (docs/adr/frost-005). Without
 * it, a party that withheld or spoiled its last message to one peer could leave that peer on the old generation while
 * the others moved on, and with two such peers no t+1 honest parties would share a generation.
 */
public final class KeygenParty extends RoundBasedParty<KeyShare> {

    public static final String KEYGEN_PROTOCOL = "ecdsa-secp256k1-keygen/1";
    public static final String REFRESH_PROTOCOL = "ecdsa-secp256k1-refresh/1";
    private static final BigInteger Q = Secp256k1.Q;

    private final int t;
    private final SecurityLevel level;
    private final KeyShare previous;
    private final SecureRandom random;
    private PaillierSecretKey paillier;
    private RingPedersenSecret pedersen;
    private BigInteger[] coefficients;
    private final ECPoint[] feldman;
    private final byte[] chainContribution = new byte[32];
    private final byte[] salt = new byte[32];
    private final Map<Integer, byte[]> commitments = new HashMap<>();
    private final SortedMap<Integer, Reveal> reveals = new TreeMap<>();
    private final SortedMap<Integer, BigInteger> receivedShares = new TreeMap<>();
    /** Hash of every party's round-1 commitment: the modulus and parameter proofs' joint randomness. */
    private byte[] joint;
    private Duration verificationDeadline = BoundedVerification.DEFAULT_DEADLINE;
    private KeyShare output;
    private final java.util.function.Consumer<KeyShare> beforeAck;
    private byte[] ackPayload;
    private io.custody.mpc.ecdsa.round.AckCertificate certificate;

    /** What a party opens in round 2. {@code feldman} holds A_0..A_t for keygen, A_1..A_t for refresh. */
    record Reveal(List<Receipt> echo, ECPoint[] feldman, byte[] chainCode, byte[] salt, RingPedersen rp,
                  SchnorrProof schnorr, ModProof mod, PrmProof prm) {
    }

    private KeygenParty(String sessionId, String protocol, int self, List<Integer> parties, int t, KeyShare previous,
                        PaillierSecretKey paillier, PartyKeys keys, SecureRandom random,
                        java.util.function.Consumer<KeyShare> beforeAck) {
        super(sessionId, protocol, self, parties, keys);
        this.beforeAck = beforeAck;
        if (t < 1 || t + 1 > parties.size()) throw new IllegalArgumentException("need 2 <= t+1 <= n");
        this.t = t;
        // the level is the size of this party's own modulus; every peer must match it exactly
        this.level = SecurityLevel.ofModulus(paillier.publicKey().n());
        // A refresh may move a key to another level (new Paillier keys of another size) only if every party does:
        // the peers' dkg.security-level check refuses a mixed run.
        this.previous = previous;
        this.random = random;
        this.paillier = paillier;
        this.pedersen = RingPedersenSecret.generate(paillier, random);
        this.coefficients = new BigInteger[t + 1];
        this.feldman = new ECPoint[t + 1];
        for (int m = 0; m <= t; m++) {
            coefficients[m] = m == 0 && previous != null ? BigInteger.ZERO : Secp256k1.randomScalar(random);
            feldman[m] = m == 0 && previous != null ? null : Secp256k1.mulG(coefficients[m]);
        }
        random.nextBytes(chainContribution);
        random.nextBytes(salt);
    }

    /** Key generation among parties 1..n for threshold t (any t + 1 sign). */
    public static KeygenParty keygen(String sessionId, int self, int n, int t, PaillierSecretKey paillier,
                                     PartyKeys keys, SecureRandom random) {
        List<Integer> parties = IntStream.rangeClosed(1, n).boxed().toList();
        return new KeygenParty(sessionId, KEYGEN_PROTOCOL, self, parties, t, null, paillier, keys, random, s -> { });
    }

    /** Key generation taking this party's Paillier key from the safe-prime pool (no prime search while peers wait). */
    public static KeygenParty keygen(String sessionId, int self, int n, int t, SafePrimePool pool, PartyKeys keys,
                                     SecureRandom random) {
        return keygen(sessionId, self, n, t, pool.takePaillierKey(), keys, random);
    }

    /** Refresh taking the new Paillier key from the safe-prime pool. */
    public static KeygenParty refresh(String sessionId, KeyShare previous, SafePrimePool pool, PartyKeys keys,
                                      SecureRandom random) {
        return refresh(sessionId, previous, pool.takePaillierKey(), keys, random);
    }

    /**
     * Refresh from the pool; {@code beforeAck} receives the new share before this party acknowledges it (the node
     * stores it as pending there) and may throw to stop the run without blaming anyone.
     */
    public static KeygenParty refresh(String sessionId, KeyShare previous, SafePrimePool pool, PartyKeys keys,
                                      SecureRandom random, java.util.function.Consumer<KeyShare> beforeAck) {
        return new KeygenParty(sessionId, REFRESH_PROTOCOL, previous.partyIndex(), previous.parties(),
                previous.threshold(), previous, pool.takePaillierKey(), keys, random, beforeAck);
    }

    /** Proactive refresh of {@code previous} by all of its parties, with a fresh Paillier key. */
    public static KeygenParty refresh(String sessionId, KeyShare previous, PaillierSecretKey newPaillier,
                                      PartyKeys keys, SecureRandom random) {
        return new KeygenParty(sessionId, REFRESH_PROTOCOL, previous.partyIndex(), previous.parties(),
                previous.threshold(), previous, newPaillier, keys, random, s -> { });
    }

    /** As {@link #refresh(String, KeyShare, PaillierSecretKey, PartyKeys, SecureRandom)} with a {@code beforeAck} hook. */
    public static KeygenParty refreshWithHook(String sessionId, KeyShare previous, PaillierSecretKey newPaillier,
                                              PartyKeys keys, SecureRandom random,
                                              java.util.function.Consumer<KeyShare> beforeAck) {
        return new KeygenParty(sessionId, REFRESH_PROTOCOL, previous.partyIndex(), previous.parties(),
                previous.threshold(), previous, newPaillier, keys, random, beforeAck);
    }

    /** Round of the refresh acknowledgements. */
    public static final int ACK_ROUND = 4;

    /**
     * How long this party waits for one round's proof verification before it aborts naming the first peer whose
     * proofs are still being checked ({@link BoundedVerification}).
     */
    public KeygenParty withVerificationDeadline(Duration deadline) {
        this.verificationDeadline = deadline;
        return this;
    }

    public SecurityLevel level() {
        return level;
    }

    private boolean refreshing() {
        return previous != null;
    }

    private ProofContext ctx(int round, int prover, int verifier) {
        return new ProofContext(sessionId, protocol, round, prover, verifier, level);
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return round != 3;
    }

    @Override
    protected int lastRound() {
        return refreshing() ? ACK_ROUND : 3;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        byte[] v = commitment(self, feldmanToSend(), chainContribution, salt, pedersen.params());
        commitments.put(self, v);
        return List.of(broadcast(1, new WireWriter("dkg.r1").bytes(v).integer(level.bits()).toBytes()));
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        return switch (round) {
            case 1 -> afterCommitments(payloads);
            case 2 -> afterReveals(payloads);
            case 3 -> afterShares(payloads);
            case ACK_ROUND -> afterAcks(payloads);
            default -> throw new IllegalStateException();
        };
    }

    private List<ProtocolMessage> afterCommitments(SortedMap<Integer, byte[]> payloads) {
        payloads.forEach((from, bytes) -> commitments.put(from, parse(from, () -> {
            WireReader in = new WireReader(bytes, "dkg.r1");
            byte[] v = in.bytes();
            int theirLevel = in.integer();
            in.end();
            if (v.length != 32) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("commitment length");
            // Checked before anything else a peer sends is looked at: a peer at another level (another modulus size)
            // is refused by name, not met with a proof that fails later for a reason nobody can read.
            AbortSignal.require(from, theirLevel == level.bits(), "dkg.security-level", "party " + from
                    + " runs at the " + theirLevel + "-bit level, this party at " + level.bits());
            return v;
        })));
        joint = jointRandomness();
        List<Receipt> echo = new ArrayList<>();
        for (int p : parties) echo.add(receipt(1, p));
        SchnorrProof sch = refreshing() ? null : SchnorrProof.prove(coefficients[0], feldman[0], ctx(2, self, 0), random);
        Reveal mine = new Reveal(echo, feldmanToSend(), chainContribution, salt, pedersen.params(), sch,
                ModProof.prove(paillier, ctx(2, self, 0), joint, random),
                PrmProof.prove(pedersen, ctx(2, self, 0), joint, random));
        byte[] out = encodeReveal(mine);
        return List.of(broadcast(2, out));
    }

    private List<ProtocolMessage> afterReveals(SortedMap<Integer, byte[]> payloads) {
        SortedMap<Integer, Reveal> opened = new TreeMap<>();
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            Reveal r = parse(from, () -> readReveal(e.getValue()));
            checkEcho(from, r.echo());
            int expected = refreshing() ? t : t + 1;
            AbortSignal.require(from, r.feldman().length == expected, "dkg.feldman-degree",
                    "expected " + expected + " Feldman commitments, got " + r.feldman().length);
            byte[] commitment = commitment(from, r.feldman(), r.chainCode(), r.salt(), r.rp());
            AbortSignal.require(from, Arrays.equals(commitment, commitments.get(from)), "dkg.decommitment",
                    "round-2 opening does not match the round-1 commitment");
            if (!refreshing()) {
                AbortSignal.require(from, r.schnorr() != null, "dkg.schnorr-missing", "no proof for A_0");
                AbortSignal.require(from, r.schnorr().verify(r.feldman()[0], ctx(2, from, 0)));
            } else {
                AbortSignal.require(from, r.schnorr() == null, "dkg.schnorr-unexpected", "refresh has no A_0");
            }
            // exact size before anything costs more than a hash: no primality test or exponentiation ever runs
            // modulo a peer's oversized (or undersized) modulus
            AbortSignal.require(from, r.rp().n().bitLength() == level.modulusBits(), "dkg.modulus-size", "N has "
                    + r.rp().n().bitLength() + " bits, the " + level.bits() + "-bit level requires exactly "
                    + level.modulusBits());
            checkModulusUnique(from, r.rp().n(), opened);
            opened.put(from, r);
        }
        // The modulus and parameter proofs (128 + 256 full-size exponentiations per peer) dominate key generation and
        // are independent pure computations, so they are verified in parallel on the engine's bounded executor with a
        // deadline; the first failure in ascending sender order is reported, as if verified one by one.
        SortedMap<Integer, java.util.function.Supplier<io.custody.mpc.ecdsa.zk.Verdict>> proofs = new TreeMap<>();
        opened.forEach((from, r) -> proofs.put(from, () -> {
            var mod = r.mod().verify(r.rp().n(), ctx(2, from, 0), joint);
            return mod.isOk() ? r.prm().verify(r.rp(), ctx(2, from, 0), joint) : mod;
        }));
        BoundedVerification.verifyAll(proofs, verificationDeadline);
        reveals.putAll(opened);
        List<ProtocolMessage> out = new ArrayList<>();
        for (int j : others()) {
            PaillierPublicKey nj = new PaillierPublicKey(reveals.get(j).rp().n());
            BigInteger share = evaluate(coefficients, j);
            BigInteger c = nj.encrypt(share, nj.randomNonce(random));
            WireWriter w = new WireWriter("dkg.r3").big(c);
            FacProof.prove(paillier, reveals.get(j).rp(), ctx(3, self, j), random).write(w);
            out.add(direct(3, j, w.toBytes()));
        }
        return out;
    }

    private void checkEcho(int from, List<Receipt> echo) {
        AbortSignal.require(from, echo.size() == parties.size(), "dkg.echo", "echo has wrong length");
        checkEcho(from, 1, echo, "dkg.echo");
    }

    /**
     * H(V_1, ..., V_n): every party's round-1 commitment binds a fresh 32-byte secret salt, so while one party is
     * honest nobody knows this value before round 1 is over, and the echo check of round 2 makes every honest party
     * hash the same commitments. Hashed into Pi^mod and Pi^prm, it means a proof can only be searched for during the
     * run, not ground offline against a session id the coordinator chose (review finding 2).
     */
    private byte[] jointRandomness() {
        return jointRandomness(sessionId, protocol, level, parties, commitments);
    }

    static byte[] jointRandomness(String sessionId, String protocol, SecurityLevel level, List<Integer> parties,
                                  Map<Integer, byte[]> commitments) {
        Transcript tr = Transcript.start("dkg/joint-randomness", new ProofContext(sessionId, protocol, 1, 0, 0, level));
        for (int p : parties) tr.append("V" + p, commitments.get(p));
        return toBytes32(tr.challengeBelow("joint", BigInteger.ONE.shiftLeft(256)));
    }

    private void checkModulusUnique(int from, BigInteger n, Map<Integer, Reveal> earlier) {
        AbortSignal.require(from, !n.equals(paillier.publicKey().n()), "dkg.modulus-reuse", "N equals this party's");
        for (var r : earlier.entrySet()) {
            AbortSignal.require(from, !r.getValue().rp().n().equals(n), "dkg.modulus-reuse",
                    "N equals party " + r.getKey() + "'s");
        }
    }

    private List<ProtocolMessage> afterShares(SortedMap<Integer, byte[]> payloads) {
        RingPedersen mine = pedersen.params();
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            Object[] parsed = parse(from, () -> {
                WireReader in = new WireReader(e.getValue(), "dkg.r3");
                BigInteger c = in.big();
                FacProof fac = FacProof.read(in);
                in.end();
                return new Object[] {c, fac};
            });
            BigInteger c = (BigInteger) parsed[0];
            FacProof fac = (FacProof) parsed[1];
            AbortSignal.require(from, fac.verify(reveals.get(from).rp().n(), mine, ctx(3, from, self)));
            AbortSignal.require(from, paillier.publicKey().isValidCiphertext(c), "dkg.share-ciphertext",
                    "share ciphertext is not a unit of Z_{N^2}");
            BigInteger share = paillier.decrypt(c);
            AbortSignal.require(from, share.compareTo(Q) < 0, "dkg.share-range", "share is not in Z_q");
            ECPoint expected = feldmanEval(allFeldman(reveals.get(from).feldman()), self);
            AbortSignal.require(from, Secp256k1.mulG(share).equals(expected), "dkg.feldman-share",
                    "share does not match the sender's Feldman commitments");
            receivedShares.put(from, share);
        }
        finish();
        if (!refreshing()) return List.of();
        try {
            beforeAck.accept(output);
        } catch (RuntimeException e) {
            // Storing the pending share failed here (disk, store): no message was at fault, so nobody is blamed.
            throw new AbortSignal(AbortSignal.UNIDENTIFIED, "refresh.pending-store", e.getClass().getSimpleName());
        }
        ackPayload = ackPayload(sessionId, output);
        return List.of(broadcast(ACK_ROUND, ackPayload));
    }

    private List<ProtocolMessage> afterAcks(SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            AbortSignal.require(e.getKey(), Arrays.equals(e.getValue(), ackPayload), "refresh.ack",
                    "party " + e.getKey() + " acknowledged another public state");
        }
        SortedMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int p : parties) signatures.put(p, receipt(ACK_ROUND, p).signature());
        certificate = new io.custody.mpc.ecdsa.round.AckCertificate(
                io.custody.mpc.ecdsa.round.MessageSignatures.CONTEXT, sessionId, protocol, ACK_ROUND, ackPayload,
                signatures);
        return List.of();
    }

    /**
     * What a refresh party acknowledges: the session and a digest of the new share's public state (generation, joint
     * key, chain code, every public share, Paillier modulus and ring-Pedersen parameters). Parties that acknowledge
     * the same bytes hold shares of one generation that work together.
     */
    public static byte[] ackPayload(String sessionId, KeyShare share) {
        Transcript tr = Transcript.start("refresh/ack", new ProofContext(sessionId, REFRESH_PROTOCOL, ACK_ROUND, 0, 0));
        tr.append("generation", share.generation()).append("threshold", share.threshold())
                .append("key", Secp256k1.encode(share.publicKey())).append("chain", share.chainCode());
        for (int p : share.parties()) {
            RingPedersen rp = share.ringPedersen(p);
            tr.append("party", p).append("X", Secp256k1.encode(share.publicShare(p)))
                    .append("N", share.paillierKey(p).n()).append("rp.N", rp.n()).append("rp.s", rp.s())
                    .append("rp.t", rp.t());
        }
        return new WireWriter("refresh.ack").bytes(toBytes32(tr.challengeBelow("state", BigInteger.ONE.shiftLeft(256))))
                .toBytes();
    }

    /** The signed acknowledgements of every party, once a refresh is done; null before, and for key generation. */
    public io.custody.mpc.ecdsa.round.AckCertificate certificate() {
        return certificate;
    }

    private void finish() {
        BigInteger x = evaluate(coefficients, self);
        for (BigInteger s : receivedShares.values()) x = x.add(s);
        Map<Integer, ECPoint[]> all = new TreeMap<>();
        all.put(self, allFeldman(feldmanToSend()));
        reveals.forEach((p, r) -> all.put(p, allFeldman(r.feldman())));
        Map<Integer, ECPoint> publicShares = new TreeMap<>();
        for (int k : parties) {
            ECPoint sum = Secp256k1.G.getCurve().getInfinity();
            for (ECPoint[] a : all.values()) sum = sum.add(feldmanEval(a, k));
            if (refreshing()) sum = sum.add(previous.publicShare(k));
            publicShares.put(k, sum.normalize());
        }
        ECPoint publicKey;
        byte[] chainCode;
        if (refreshing()) {
            x = x.add(previous.secretShare());
            publicKey = previous.publicKey();
            chainCode = previous.chainCode();
        } else {
            ECPoint sum = Secp256k1.G.getCurve().getInfinity();
            for (ECPoint[] a : all.values()) sum = sum.add(a[0]);
            publicKey = sum.normalize();
            Transcript ordered = Transcript.start("dkg/chain-code", ctx(3, 0, 0));
            for (int p : parties) ordered.append("c" + p, p == self ? chainContribution : reveals.get(p).chainCode());
            chainCode = toBytes32(ordered.challengeBelow("chain-code", BigInteger.ONE.shiftLeft(256)));
        }
        x = x.mod(Q);
        if (publicKey.isInfinity()) throw new AbortSignal(AbortSignal.UNIDENTIFIED, "dkg.public-key", "identity key");
        if (!Secp256k1.mulG(x).equals(publicShares.get(self))) {
            throw new AbortSignal(AbortSignal.UNIDENTIFIED, "dkg.own-share", "own share does not match public view");
        }
        Map<Integer, PaillierPublicKey> keys = new TreeMap<>();
        Map<Integer, RingPedersen> rps = new TreeMap<>();
        keys.put(self, paillier.publicKey());
        rps.put(self, pedersen.params());
        reveals.forEach((p, r) -> {
            keys.put(p, new PaillierPublicKey(r.rp().n()));
            rps.put(p, r.rp());
        });
        int generation = refreshing() ? previous.generation() + 1 : 0;
        output = new KeyShare(self, t, generation, x, publicKey, publicShares, chainCode, paillier, keys, rps);
        wipePolynomial();
        pedersen.destroy();
    }

    @Override
    protected KeyShare result() {
        return output;
    }

    @Override
    protected void discardSecrets() {
        wipePolynomial();
        if (pedersen != null) pedersen.destroy();
        if (paillier != null) paillier.destroy();
        receivedShares.clear();
    }

    private void wipePolynomial() {
        if (coefficients != null) Arrays.fill(coefficients, null);
        coefficients = null;
    }

    private ECPoint[] feldmanToSend() {
        return refreshing() ? Arrays.copyOfRange(feldman, 1, feldman.length) : feldman.clone();
    }

    private ECPoint[] allFeldman(ECPoint[] sent) {
        if (!refreshing()) return sent;
        ECPoint[] a = new ECPoint[sent.length + 1];
        a[0] = Secp256k1.G.getCurve().getInfinity();
        System.arraycopy(sent, 0, a, 1, sent.length);
        return a;
    }

    static BigInteger evaluate(BigInteger[] coefficients, int x) {
        BigInteger acc = BigInteger.ZERO;
        BigInteger bx = BigInteger.valueOf(x);
        for (int m = coefficients.length - 1; m >= 0; m--) acc = acc.multiply(bx).add(coefficients[m]).mod(Q);
        return acc;
    }

    static ECPoint feldmanEval(ECPoint[] a, int x) {
        ECPoint acc = Secp256k1.G.getCurve().getInfinity();
        BigInteger bx = BigInteger.valueOf(x);
        BigInteger power = BigInteger.ONE;
        for (ECPoint am : a) {
            acc = acc.add(am.multiply(power));
            power = power.multiply(bx).mod(Q);
        }
        return acc.normalize();
    }

    private byte[] commitment(int party, ECPoint[] sentFeldman, byte[] chain, byte[] salt, RingPedersen rp) {
        return commitment(sessionId, protocol, level, party, sentFeldman, chain, salt, rp);
    }

    static byte[] commitment(String sessionId, String protocol, SecurityLevel level, int party, ECPoint[] sentFeldman,
                             byte[] chain, byte[] salt, RingPedersen rp) {
        Transcript tr = Transcript.start("dkg/commitment", new ProofContext(sessionId, protocol, 1, party, 0, level));
        tr.append("count", sentFeldman.length);
        for (ECPoint a : sentFeldman) tr.append("A", Secp256k1.encode(a));
        tr.append("chain", chain).append("salt", salt).append("N", rp.n()).append("s", rp.s()).append("t", rp.t());
        return toBytes32(tr.challengeBelow("V", BigInteger.ONE.shiftLeft(256)));
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] encodeReveal(Reveal r) {
        WireWriter out = new WireWriter("dkg.r2");
        out.integer(r.echo().size());
        for (Receipt e : r.echo()) e.write(out);
        out.integer(r.feldman().length);
        for (ECPoint a : r.feldman()) out.point(a);
        out.bytes(r.chainCode()).bytes(r.salt());
        out.big(r.rp().n()).big(r.rp().s()).big(r.rp().t());
        out.bool(r.schnorr() != null);
        if (r.schnorr() != null) r.schnorr().write(out);
        r.mod().write(out);
        r.prm().write(out);
        return out.toBytes();
    }

    static Reveal readReveal(byte[] bytes) {
        WireReader in = new WireReader(bytes, "dkg.r2");
        int echoCount = in.integer();
        if (echoCount < 0 || echoCount > 1024) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("echo");
        List<Receipt> echo = new ArrayList<>();
        for (int i = 0; i < echoCount; i++) echo.add(Receipt.read(in));
        int fc = in.integer();
        if (fc < 0 || fc > 1024) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("feldman count");
        ECPoint[] f = new ECPoint[fc];
        for (int i = 0; i < fc; i++) f[i] = in.point();
        byte[] chain = in.bytes();
        byte[] s = in.bytes();
        RingPedersen rp = new RingPedersen(in.big(), in.big(), in.big());
        SchnorrProof sch = in.bool() ? SchnorrProof.read(in) : null;
        ModProof mod = ModProof.read(in);
        PrmProof prm = PrmProof.read(in);
        in.end();
        return new Reveal(echo, f, chain, s, rp, sch, mod, prm);
    }
}
