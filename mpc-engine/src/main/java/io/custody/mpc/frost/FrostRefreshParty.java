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
 * with the same broadcast-echo digest as the DKG.
 */
public final class FrostRefreshParty extends RoundBasedParty<KeyShare> {

    private final KeyShare current;
    private final SecureRandom random;
    private SecretPolynomial polynomial;
    private final Map<Integer, List<ECPoint>> commitments = new TreeMap<>();
    private byte[] round1Digest;

    public FrostRefreshParty(String sessionId, KeyShare current, SecureRandom random) {
        super(current.suite(), sessionId, current.suite().protocolName(), current.identifier(),
                IntStream.rangeClosed(1, current.publicKeyPackage().parties())
                        .filter(i -> i != current.identifier()).boxed().toList());
        this.current = current;
        this.random = random;
    }

    private int threshold() {
        return current.publicKeyPackage().threshold();
    }

    @Override
    protected int lastRound() {
        return 2;
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
            round1Digest = digest();
            List<ProtocolMessage> out = new ArrayList<>();
            for (int l : peers) {
                out.add(direct(2, l, new Wire.Writer().bytes(cs.serializeScalar(polynomial.evaluate(l)))
                        .bytes(round1Digest).done()));
            }
            return out;
        }
        BigInteger q = cs.order();
        BigInteger delta = polynomial.evaluate(self);
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            byte[][] echo = new byte[1][];
            BigInteger share = decodeFrom(from, "refresh-share-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                BigInteger s = r.scalar(cs);
                echo[0] = r.bytes(32);
                r.end();
                return s;
            });
            if (!java.security.MessageDigest.isEqual(echo[0], round1Digest)) {
                throw new PartyFault(from, "refresh-broadcast-echo", "sender saw different round-1 commitments");
            }
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
        finish(new KeyShare(self, SecretScalar.of(current.secret().add(delta).mod(q)), pkg));
        return List.of();
    }

    private byte[] digest() {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        commitments.forEach((id, list) -> {
            d.update((byte) (id >>> 8));
            d.update((byte) id.intValue());
            list.forEach(c -> {
                byte[] b = cs.serializeElement(c);
                d.update(b, 0, b.length);
            });
        });
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    protected void destroySecrets() {
        if (polynomial != null) {
            polynomial.destroy();
        }
    }
}
