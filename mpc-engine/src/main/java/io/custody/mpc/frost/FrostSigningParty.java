package io.custody.mpc.frost;

import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One signer of a FROST signing run (RFC 9591 section 5) in which every signer also aggregates, so no party has to
 * trust a coordinator: round 1 broadcasts the nonce commitments, round 2 broadcasts the signature share with the
 * echo of every round-1 receipt this signer saw, and each signer checks every echo, then every other share with
 * verify_signature_share, before it accepts the aggregate. The echo comes first because a signer that showed
 * different commitments to different peers would otherwise make each honest signer reject the other's share and
 * blame it; with signed receipts the echo names the signer that signed two commitments (docs/adr/frost-006).
 *
 * <p>Checks, each naming the sender on failure: commitment encoding (canonical, in the prime-order group, not the
 * identity); commitment reuse (a commitment equal to one already seen in this run, including our own); signature share
 * encoding; signature share validity. The nonces are used once: they are destroyed when the share is computed, and on
 * any abort.
 */
public final class FrostSigningParty extends RoundBasedParty<FrostSignature> {

    private final KeyShare keyShare;
    private final byte[] message;
    private final List<Integer> signers;
    private final SecureRandom random;
    private SigningNonces nonces;
    private List<SigningCommitment> commitmentList;
    private FrostSigning.Context context;
    private BigInteger ownShare;

    public FrostSigningParty(String sessionId, KeyShare keyShare, List<Integer> signers, byte[] message,
                             io.custody.mpc.ecdsa.round.PartyKeys keys, SecureRandom random) {
        super(keyShare.suite(), sessionId, keyShare.suite().protocolName(), keyShare.identifier(),
                signers.stream().filter(i -> i != keyShare.identifier()).sorted().toList(), keys);
        this.keyShare = keyShare;
        this.signers = signers.stream().sorted().toList();
        this.message = message.clone();
        this.random = random;
        int t = keyShare.publicKeyPackage().threshold();
        if (this.signers.stream().distinct().count() != this.signers.size()) {
            throw new IllegalArgumentException("duplicate signer");
        }
        if (!this.signers.contains(keyShare.identifier())) {
            throw new IllegalArgumentException("this party is not among the signers");
        }
        if (this.signers.size() < t) {
            throw new IllegalArgumentException("need at least " + t + " signers, got " + this.signers.size());
        }
        if (!keyShare.publicKeyPackage().verifyingShares().keySet().containsAll(this.signers)) {
            throw new IllegalArgumentException("unknown signer in " + this.signers);
        }
    }

    @Override
    protected int lastRound() {
        return 2;
    }

    @Override
    protected boolean isBroadcastRound(int round) {
        return true;
    }

    @Override
    protected List<ProtocolMessage> firstRound() {
        nonces = FrostSigning.commit(cs, self, keyShare.secret(), random);
        SigningCommitment c = nonces.commitment();
        return List.of(broadcast(1, new Wire.Writer().bytes(cs.serializeElement(c.hiding()))
                .bytes(cs.serializeElement(c.binding())).bytes(runDigest()).done()));
    }

    /**
     * SHA-256 over the session id, signer set and message this party was asked to sign. Sent with the commitments so
     * that a coordinator which gave signers different messages or signer sets is caught in round 1 by name of the
     * check, instead of surfacing later as a signature share that does not verify.
     */
    private byte[] runDigest() {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        byte[] body = new Wire.Writer().bytes(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .u16(signers.size()).done();
        d.update(body, 0, body.length);
        for (int i : signers) {
            d.update((byte) (i >>> 8));
            d.update((byte) i);
        }
        d.update(message, 0, message.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    protected List<ProtocolMessage> process(int round, SortedMap<Integer, byte[]> payloads) {
        return round == 1 ? afterCommitments(payloads) : afterShares(payloads);
    }

    private List<ProtocolMessage> afterCommitments(SortedMap<Integer, byte[]> payloads) {
        List<SigningCommitment> list = new ArrayList<>();
        list.add(nonces.commitment());
        List<ECPoint> seen = new ArrayList<>(List.of(nonces.commitment().hiding(), nonces.commitment().binding()));
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            byte[][] digest = new byte[1][];
            SigningCommitment c = decodeFrom(from, "commitment-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                SigningCommitment sc = new SigningCommitment(from, r.element(cs), r.element(cs));
                digest[0] = r.bytes(32);
                r.end();
                return sc;
            });
            if (!java.security.MessageDigest.isEqual(digest[0], runDigest())) {
                throw new PartyFault(from, "signing-context", "sender was asked to sign another message or signer set");
            }
            for (ECPoint p : List.of(c.hiding(), c.binding())) {
                if (seen.stream().anyMatch(p::equals)) {
                    throw new PartyFault(from, "commitment-reuse", "nonce commitment repeats one already in this run");
                }
                seen.add(p);
            }
            list.add(c);
        }
        commitmentList = List.copyOf(list);
        context = FrostSigning.context(cs, keyShare.publicKeyPackage().groupPublicKey(), commitmentList, message);
        ownShare = FrostSigning.sign(cs, self, keyShare.secret(), nonces, context);
        Wire.Writer w = new Wire.Writer().bytes(cs.serializeScalar(ownShare));
        writeEcho(w, 1);
        return List.of(broadcast(2, w.done()));
    }

    private List<ProtocolMessage> afterShares(SortedMap<Integer, byte[]> payloads) {
        PublicKeyPackage pkg = keyShare.publicKeyPackage();
        Map<Integer, BigInteger> shares = new TreeMap<>();
        shares.put(self, ownShare);
        Map<Integer, BigInteger> received = new TreeMap<>();
        for (var e : payloads.entrySet()) {
            int from = e.getKey();
            List<io.custody.mpc.ecdsa.round.Receipt> echo = new ArrayList<>();
            received.put(from, decodeFrom(from, "signature-share-encoding", () -> {
                Wire.Reader r = new Wire.Reader(e.getValue());
                BigInteger s = r.scalar(cs);
                echo.addAll(readEcho(r));
                r.end();
                return s;
            }));
            checkEcho(from, 1, echo, "commitment-echo");
        }
        for (var e : received.entrySet()) {
            int from = e.getKey();
            BigInteger z = e.getValue();
            if (!FrostSigning.verifySignatureShare(cs, from, pkg.verifyingShares().get(from), z, context)) {
                throw new PartyFault(from, "signature-share", "signature share does not verify against its commitment");
            }
            shares.put(from, z);
        }
        BigInteger z = BigInteger.ZERO;
        for (BigInteger zi : shares.values()) {
            z = z.add(zi);
        }
        FrostSignature sig = new FrostSignature(context.groupCommitment(), z.mod(cs.order()));
        if (!cs.verify(pkg.groupPublicKey(), message, sig)) {
            // Unreachable when every share verified; kept because a wrong signature must never leave the party.
            throw new PartyFault(0, "aggregate-signature", "aggregate signature does not verify");
        }
        finish(sig);
        return List.of();
    }

    @Override
    protected void destroySecrets() {
        if (nonces != null) {
            nonces.destroy();
        }
    }

    public List<Integer> signers() {
        return signers;
    }

    @Override
    public String toString() {
        return "FrostSigningParty[" + cs + " session=" + sessionId + " party " + self + " of " + signers + "]";
    }
}
