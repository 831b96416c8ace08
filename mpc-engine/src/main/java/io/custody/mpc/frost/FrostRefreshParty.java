package io.custody.mpc.frost;

import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Proactive share refresh (Herzberg, Jarecki, Krawczyk and Yung, 1995) over FROST key shares: every party deals a
 * random polynomial with zero constant term, so the shares change and the group key does not. Old shares of a party
 * that was compromised become useless once every party has moved to the new ones. All n parties take part.
 *
 * <p>Round 1 broadcasts commitments to coefficients 1..t-1 (the constant term's commitment is the identity by
 * construction, so there is no rogue-key to prove against); round 2 sends each party its share of the zero polynomial
 * with the same echo of signed round-1 receipts as the DKG. Round 3 broadcasts an acknowledgement of the new public
 * key package, sent only after {@code beforeAck} has stored the new share as pending; the run is done when every
 * party acknowledged the same package, and the signed acknowledgements form the {@link #certificate()} under which
 * the node commits (docs/adr/frost-005). Without that round, a party sending a bad round-2 share to one honest peer
 * left that peer on the old generation while the others moved on.
 */
public final class FrostRefreshParty extends RoundBasedParty<KeyShare> {

    private final KeyShare current;
    private final SecureRandom random;
    private SecretPolynomial polynomial;
    private final Map<Integer, List<ECPoint>> commitments = new TreeMap<>();
    private final java.util.function.Consumer<KeyShare> beforeAck;
    private KeyShare fresh;
    private byte[] ackPayload;
    private io.custody.mpc.ecdsa.round.AckCertificate certificate;

    /** Round of the acknowledgements. */
    public static final int ACK_ROUND = 3;

    public FrostRefreshParty(String sessionId, KeyShare current, io.custody.mpc.ecdsa.round.PartyKeys keys,
                             SecureRandom random) {
        this(sessionId, current, keys, random, s -> { });
    }

    /**
     * @param beforeAck receives the new share before this party acknowledges it (the node stores it as pending) and
     *                  may throw to stop the run without blaming anyone
     */
    public FrostRefreshParty(String sessionId, KeyShare current, io.custody.mpc.ecdsa.round.PartyKeys keys,
                             SecureRandom random, java.util.function.Consumer<KeyShare> beforeAck) {
        super(current.suite(), sessionId, current.suite().protocolName(), current.identifier(),
                IntStream.rangeClosed(1, current.publicKeyPackage().parties())
                        .filter(i -> i != current.identifier()).boxed().toList(), keys);
        this.current = current;
        this.random = random;
        this.beforeAck = beforeAck;
    }

    private int threshold() {
        return current.publicKeyPackage().threshold();
    }

    @Override
    protected int lastRound() {
        return ACK_ROUND;
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return round != 2;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        polynomial = SecretPolynomial.random(cs, threshold() - 1, true, random);
        List<ECPoint> own = polynomial.commitments(1);
        commitments.put(self, own);
        Wire.Writer w = new Wire.Writer().u16(own.size());
        own.forEach(c -> w.bytes(cs.serializeElement(c)));
        return List.of(broadcast(1, w.done()));
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        if (round == 1) {
            for (var e : payloads.entrySet()) {
                int from = e.getKey();
                commitments.put(from, decodeFrom(from, "refresh-commitment-encoding", () -> {
                    Wire.Reader r = new Wire.Reader(e.getValue());
                    int count = r.u16();
                    if (count != threshold() - 1) {
                        throw new EncodingException("expected " + (threshold() - 1) + " commitments, got " + count);
                    }
                    List<ECPoint> list = new ArrayList<>();
                    for (int k = 0; k < count; k++) {
                        list.add(r.element(cs));
                    }
                    r.end();
                    return list;
                }));
            }
            List<ProtocolMessage> out = new ArrayList<>();
            for (int l : peers) {
                Wire.Writer w = new Wire.Writer().bytes(cs.serializeScalar(polynomial.evaluate(l)));
                writeEcho(w, 1);
                out.add(direct(2, l, w.done()));
            }
            return out;
        }
        if (round == ACK_ROUND) {
            return afterAcks(payloads);
        }
        BigInteger q = cs.order();
        BigInteger delta = polynomial.evaluate(self);
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            List<io.custody.mpc.ecdsa.round.Receipt> echo = new ArrayList<>();
            BigInteger share = decodeFrom(from, "refresh-share-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                BigInteger s = r.scalar(cs);
                echo.addAll(readEcho(r));
                r.end();
                return s;
            });
            checkEcho(from, 1, echo, "refresh-broadcast-echo");
            ECPoint expected = SecretPolynomial.evaluateCommitment(cs, commitments.get(from), 1, self);
            if (!cs.multiplyBase(share).equals(expected)) {
                throw new PartyFault(from, "refresh-share-verification", "share does not match the sender's commitments");
            }
            delta = delta.add(share).mod(q);
        }
        PublicKeyPackage old = current.publicKeyPackage();
        Map<Integer, ECPoint> verifying = new HashMap<>();
        List<ECPoint> summed = new ArrayList<>();
        for (int k = 0; k < threshold() - 1; k++) {
            ECPoint acc = cs.identity();
            for (List<ECPoint> c : commitments.values()) {
                acc = acc.add(c.get(k));
            }
            summed.add(acc.normalize());
        }
        old.verifyingShares().forEach((j, y) ->
                verifying.put(j, y.add(SecretPolynomial.evaluateCommitment(cs, summed, 1, j)).normalize()));
        PublicKeyPackage pkg = new PublicKeyPackage(cs, old.threshold(), old.groupPublicKey(), verifying);
        BigInteger newSecret = current.secret().add(delta).mod(q);
        requireOwnShareMatches(cs, self, newSecret, pkg);
        fresh = new KeyShare(self, SecretScalar.of(newSecret), pkg);
        try {
            beforeAck.accept(fresh);
        } catch (RuntimeException e) {
            // Storing the pending share failed at this node (disk, store): no message was at fault.
            throw new PartyFault(0, "refresh-pending-store", e.getClass().getSimpleName());
        }
        ackPayload = ackPayload(sessionId, pkg);
        return List.of(broadcast(ACK_ROUND, ackPayload));
    }

    /**
     * The new share must match the new verifying share this party computed for itself from the public commitments.
     * Every received share was checked against its dealer's commitments, so a mismatch means this party's own state
     * is wrong (its old share or package): the run stops before anything is stored, blaming nobody.
     */
    static void requireOwnShareMatches(Ciphersuite cs, int self, BigInteger newSecret, PublicKeyPackage pkg) {
        if (!cs.multiplyBase(newSecret).equals(pkg.verifyingShares().get(self))) {
            throw new PartyFault(0, "refresh-own-share", "the new share does not match the new verifying share");
        }
    }

    private List<ProtocolMessage> afterAcks(SortedMap<Integer, byte[]> payloads) {
        for (var e : payloads.entrySet()) {
            if (!java.security.MessageDigest.isEqual(e.getValue(), ackPayload)) {
                throw new PartyFault(e.getKey(), "refresh-ack", "party " + e.getKey()
                        + " acknowledged another public key package");
            }
        }
        java.util.SortedMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int p : everyone) {
            signatures.put(p, receipt(ACK_ROUND, p).signature());
        }
        certificate = new io.custody.mpc.ecdsa.round.AckCertificate(
                io.custody.mpc.ecdsa.round.MessageSignatures.FROST_CONTEXT, sessionId, protocol, ACK_ROUND, ackPayload,
                signatures);
        finish(fresh);
        return List.of();
    }

    /** SHA-256 over the session and the new public key package (threshold, group key, every verifying share). */
    public static byte[] ackPayload(String sessionId, PublicKeyPackage pkg) {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        byte[] head = new Wire.Writer().bytes("frost-refresh-ack/1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u16(sessionId.length()).bytes(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).done();
        byte[] body = pkg.encode();
        d.update(head, 0, head.length);
        d.update(body, 0, body.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** Every party's signed acknowledgement of the same package, once the run is done; null before. */
    public io.custody.mpc.ecdsa.round.AckCertificate certificate() {
        return certificate;
    }

    @Override
    protected void destroySecrets() {
        if (polynomial != null) {
            polynomial.destroy();
        }
    }
}
