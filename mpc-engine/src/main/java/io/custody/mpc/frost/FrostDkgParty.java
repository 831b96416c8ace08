package io.custody.mpc.frost;

import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * One party of the FROST distributed key generation (Komlo and Goldberg, "FROST", Figure 1: Pedersen DKG with
 * Schnorr proofs of knowledge), so that no dealer ever holds the group secret.
 *
 * <p>Round 1 (broadcast): Feldman commitments to a random polynomial of degree t-1 and a proof of knowledge of its
 * constant term, bound to the session through the context Phi. Round 2 (point-to-point, encrypted by the transport):
 * the share f_i(l) for each party l, plus the signed receipts of all round-1 broadcasts this party saw, so that a
 * party or relay which showed different commitments to different parties is caught and the signer of the second
 * version named. Output: the party's signing share, every verifying
 * share and the group key.
 */
public final class FrostDkgParty extends RoundBasedParty<KeyShare> {

    private final int threshold;
    private final int parties;
    private final SecureRandom random;
    private final byte[] context;
    private SecretPolynomial polynomial;
    private final Map<Integer, List<ECPoint>> commitments = new TreeMap<>();

    public FrostDkgParty(Ciphersuite cs, String sessionId, int self, int threshold, int parties,
                         io.custody.mpc.ecdsa.round.PartyKeys keys, SecureRandom random) {
        super(cs, sessionId, cs.protocolName(), self, IntStream.rangeClosed(1, parties).filter(i -> i != self)
                .boxed().toList(), keys);
        if (threshold < 2 || threshold > parties || self < 1 || self > parties) {
            throw new IllegalArgumentException("need 2 <= threshold <= parties and 1 <= self <= parties");
        }
        this.threshold = threshold;
        this.parties = parties;
        this.random = random;
        this.context = context(cs, sessionId, threshold, parties);
    }

    /** Phi of the paper: binds every proof to this suite, session, threshold and party count. */
    static byte[] context(Ciphersuite cs, String sessionId, int threshold, int parties) {
        byte[] sid = sessionId.getBytes(StandardCharsets.UTF_8);
        return new Wire.Writer().bytes(cs.contextString().getBytes(StandardCharsets.US_ASCII)).u16(sid.length)
                .bytes(sid).u16(threshold).u16(parties).done();
    }

    @Override
    protected int lastRound() {
        return 2;
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return round == 1;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        polynomial = SecretPolynomial.random(cs, threshold - 1, false, random);
        List<ECPoint> own = polynomial.commitments(0);
        commitments.put(self, own);
        ProofOfKnowledge pok = ProofOfKnowledge.prove(cs, self, context, polynomial.constant(), own.get(0), random);
        return List.of(broadcast(1, encodeRound1(cs, own, pok)));
    }

    static byte[] encodeRound1(Ciphersuite cs, List<ECPoint> commitments, ProofOfKnowledge pok) {
        Wire.Writer w = new Wire.Writer().u16(commitments.size());
        commitments.forEach(c -> w.bytes(cs.serializeElement(c)));
        return w.bytes(cs.serializeElement(pok.commitment())).bytes(cs.serializeScalar(pok.response())).done();
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        return round == 1 ? afterRound1(payloads) : afterRound2(payloads);
    }

    private List<ProtocolMessage> afterRound1(SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            List<ECPoint> cs1 = new ArrayList<>();
            ProofOfKnowledge pok = decodeFrom(from, "dkg-commitment-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                int count = r.u16();
                if (count != threshold) {
                    throw new EncodingException("expected " + threshold + " commitments, got " + count);
                }
                for (int k = 0; k < count; k++) {
                    cs1.add(r.element(cs));
                }
                ProofOfKnowledge p = new ProofOfKnowledge(r.element(cs), r.scalar(cs));
                r.end();
                return p;
            });
            if (!pok.verifies(cs, from, context, cs1.get(0))) {
                throw new PartyFault(from, "dkg-proof-of-knowledge", "proof of knowledge of the constant term does not verify");
            }
            commitments.put(from, cs1);
        }
        List<ProtocolMessage> out = new ArrayList<>();
        for (int l : peers) {
            BigInteger share = polynomial.evaluate(l);
            byte[] enc = cs.serializeScalar(share);
            Wire.Writer w = new Wire.Writer().bytes(enc);
            writeEcho(w, 1);
            out.add(direct(2, l, w.done()));
            java.util.Arrays.fill(enc, (byte) 0);
        }
        return out;
    }

    private List<ProtocolMessage> afterRound2(SortedMap<Integer, byte[]> payloads) {
        BigInteger q = cs.order();
        BigInteger sum = polynomial.evaluate(self);
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            List<io.custody.mpc.ecdsa.round.Receipt> echo = new ArrayList<>();
            BigInteger share = decodeFrom(from, "dkg-share-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                BigInteger s = r.scalar(cs);
                echo.addAll(readEcho(r));
                r.end();
                return s;
            });
            checkEcho(from, 1, echo, "dkg-broadcast-echo");
            ECPoint expected = SecretPolynomial.evaluateCommitment(cs, commitments.get(from), 0, self);
            if (!cs.multiplyBase(share).equals(expected)) {
                throw new PartyFault(from, "dkg-share-verification", "share does not match the sender's commitments");
            }
            sum = sum.add(share).mod(q);
        }
        ECPoint groupKey = cs.identity();
        for (List<ECPoint> c : commitments.values()) {
            groupKey = groupKey.add(c.get(0));
        }
        // Sum the commitment vectors first: Y_j = prod_k (prod_l C_lk)^(j^k) needs t multiplications per party.
        List<ECPoint> summed = new ArrayList<>();
        for (int k = 0; k < threshold; k++) {
            ECPoint acc = cs.identity();
            for (List<ECPoint> c : commitments.values()) {
                acc = acc.add(c.get(k));
            }
            summed.add(acc.normalize());
        }
        Map<Integer, ECPoint> verifying = new HashMap<>();
        for (int j = 1; j <= parties; j++) {
            verifying.put(j, SecretPolynomial.evaluateCommitment(cs, summed, 0, j));
        }
        PublicKeyPackage pkg = new PublicKeyPackage(cs, threshold, groupKey.normalize(), verifying);
        finish(new KeyShare(self, SecretScalar.of(sum), pkg));
        return List.of();
    }

    @Override
    protected void destroySecrets() {
        if (polynomial != null) {
            polynomial.destroy();
        }
    }

    @Override
    public String toString() {
        return "FrostDkgParty[" + cs + " session=" + sessionId + " party " + self + "]";
    }
}
