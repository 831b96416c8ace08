package io.custody.mpc.node;

import io.custody.mpc.ecdsa.round.AckCertificate;
import io.custody.mpc.ecdsa.wire.MalformedMessageException;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.storage.EncryptedShareStore;
import io.custody.mpc.storage.ShareSlot;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519ctxSigner;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A node's side of the refresh commit rule (docs/adr/frost-005). A refresh writes its new share to a pending slot
 * next to the current one; the current share is replaced only under a commit certificate (every party's signed
 * acknowledgement of the same new public state). A pending generation is then settled by evidence, never by an
 * order:
 * <ul>
 *   <li><b>commit</b> with a certificate for the pending session whose acknowledgement matches the pending share;</li>
 *   <li><b>discard</b> with signed abandon statements of <em>every</em> party for that session. A node signs one only
 *       while it holds no certificate for the session, and from then on refuses to commit it, so when all parties
 *       signed one no honest node has committed or ever will.</li>
 * </ul>
 * Until then the node refuses to sign with the key (REFRESH_PENDING) and the coordinator resolves. Files, under the
 * node's encrypted store: the pending share ({@code <protocol>-pending}), the last commit certificate
 * ({@code -refresh-commit}) and the abandoned sessions ({@code -refresh-abandoned}).
 */
final class RefreshLedger {

    /** The pending generation of a key, as stored. */
    record Pending(String sessionId, Map<Integer, NodeId> parties, byte[] ackPayload, byte[] share) {
        byte[] encode() {
            WireWriter w = new WireWriter("refresh.pending").string(sessionId).integer(parties.size());
            parties.forEach((p, n) -> w.integer(p).string(n.value()));
            return w.bytes(ackPayload).bytes(share).toBytes();
        }

        static Pending decode(byte[] bytes) {
            WireReader in = new WireReader(bytes, "refresh.pending");
            String session = in.string();
            int n = in.integer();
            Map<Integer, NodeId> parties = new TreeMap<>();
            for (int i = 0; i < n; i++) parties.put(in.integer(), new NodeId(in.string()));
            byte[] ack = in.bytes();
            byte[] share = in.bytes();
            in.end();
            return new Pending(session, parties, ack, share);
        }

        void wipe() {
            Arrays.fill(share, (byte) 0);
        }
    }

    static final String ABANDON_CONTEXT = "custody-refresh-abandon/1";

    private final EncryptedShareStore store;
    private final NodeIdentity identity;
    private final ClusterRoster roster;

    RefreshLedger(EncryptedShareStore store, NodeIdentity identity, ClusterRoster roster) {
        this.store = store;
        this.identity = identity;
        this.roster = roster;
    }

    static ShareSlot variant(ShareSlot slot, String suffix) {
        String p = slot.protocol();
        int slash = p.lastIndexOf('/');
        return new ShareSlot(slot.wallet(), slot.key(), p.substring(0, slash) + "-" + suffix + p.substring(slash));
    }

    private static ShareSlot pendingSlot(ShareSlot slot) {
        return variant(slot, "pending");
    }

    private static ShareSlot commitSlot(ShareSlot slot) {
        return variant(slot, "refresh-commit");
    }

    private static ShareSlot abandonedSlot(ShareSlot slot) {
        return variant(slot, "refresh-abandoned");
    }

    /** Keeps a refresh's new share next to the current one, before this node acknowledges it. */
    void storePending(ShareSlot slot, Pending pending) {
        synchronized (store) {
            if (abandoned(slot).contains(pending.sessionId())) {
                throw new IllegalStateException("refresh session " + pending.sessionId() + " was abandoned here");
            }
            byte[] plain = pending.encode();
            try {
                store.put(pendingSlot(slot), plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Before any session on the key: finishes a commit that a crash interrupted (certificate stored, share not yet
     * swapped), and refuses while a pending generation has no certificate.
     */
    void settle(ShareSlot slot) {
        synchronized (store) {
            Pending p = pending(slot);
            if (p == null) return;
            try {
                AckCertificate cert = certificate(slot);
                if (cert != null && cert.sessionId().equals(p.sessionId()) && cert.sameAck(p.ackPayload())) {
                    swapIn(slot, p);
                    return;
                }
            } finally {
                p.wipe();
            }
            throw new SessionRefusedException(409, "REFRESH_PENDING", "key " + slot.wallet() + "/" + slot.key()
                    + " has a refresh (session " + p.sessionId() + ") that is neither committed nor discarded; "
                    + "the coordinator resolves it first");
        }
    }

    /** Commits the pending generation of {@code cert}'s session: certificate first, then the share, then cleanup. */
    void commit(ShareSlot slot, AckCertificate cert) {
        synchronized (store) {
            Pending p = pending(slot);
            if (p == null || !p.sessionId().equals(cert.sessionId())) {
                throw new IllegalStateException("no pending refresh for session " + cert.sessionId());
            }
            try {
                if (abandoned(slot).contains(cert.sessionId())) {
                    throw new IllegalStateException("refresh session " + cert.sessionId() + " was abandoned here");
                }
                if (!cert.sameAck(p.ackPayload()) || !cert.verifies(keysOf(p.parties()))) {
                    throw new IllegalArgumentException("certificate does not prove every party acknowledged this share");
                }
                // Order matters for crash recovery: with the certificate on disk, settle() can finish the swap.
                store.put(commitSlot(slot), cert.encode());
                swapIn(slot, p);
            } finally {
                p.wipe();
            }
        }
    }

    private void swapIn(ShareSlot slot, Pending p) {
        store.put(slot, p.share());
        store.delete(pendingSlot(slot));
    }

    /** Handles a coordinator's resolve command (see {@link RefreshResolution}); returns the encoded answer. */
    byte[] handle(ShareSlot slot, byte[] command) {
        RefreshResolution.Command c = RefreshResolution.Command.decode(command);
        synchronized (store) {
            return switch (c.kind()) {
                case STATUS -> status(slot).encode();
                case ABANDON -> abandon(slot, c.sessionId()).encode();
                case COMMIT -> {
                    Pending p = pending(slot);
                    if (p != null) {
                        p.wipe();
                        commit(slot, c.certificate());
                    }
                    yield status(slot).encode();
                }
                case DISCARD -> {
                    discard(slot, c.sessionId(), c.statements());
                    yield status(slot).encode();
                }
            };
        }
    }

    private RefreshResolution.Status status(ShareSlot slot) {
        Pending p = pending(slot);
        AckCertificate cert = certificate(slot);
        if (p != null) {
            p.wipe();
            boolean certified = cert != null && cert.sessionId().equals(p.sessionId());
            return new RefreshResolution.Status(RefreshResolution.State.PENDING, p.sessionId(),
                    certified ? cert : null, null);
        }
        return new RefreshResolution.Status(RefreshResolution.State.SETTLED, cert == null ? "" : cert.sessionId(),
                cert, null);
    }

    /**
     * Signs "this node holds no certificate for {@code session} and will never commit it", unless it already committed
     * that session, in which case it answers with the certificate instead.
     */
    private RefreshResolution.Status abandon(ShareSlot slot, String session) {
        AckCertificate cert = certificate(slot);
        if (cert != null && cert.sessionId().equals(session)) {
            return new RefreshResolution.Status(RefreshResolution.State.SETTLED, session, cert, null);
        }
        List<String> gone = new java.util.ArrayList<>(abandoned(slot));
        if (!gone.contains(session)) {
            gone.add(session);
            // A short history is enough: a session is only ever resolved right after it ran.
            while (gone.size() > 16) gone.remove(0);
            WireWriter w = new WireWriter("refresh.abandoned").integer(gone.size());
            gone.forEach(w::string);
            store.put(abandonedSlot(slot), w.toBytes());
        }
        byte[] sig = signAbandon(slot, session);
        RefreshResolution.Status s = status(slot);
        return new RefreshResolution.Status(s.state(), session, null, sig);
    }

    private void discard(ShareSlot slot, String session, SortedMap<Integer, byte[]> statements) {
        Pending p = pending(slot);
        if (p == null) return;
        try {
            if (!p.sessionId().equals(session)) {
                throw new IllegalArgumentException("pending refresh is session " + p.sessionId() + ", not " + session);
            }
            Map<Integer, Ed25519PublicKeyParameters> keys = keysOf(p.parties());
            if (!statements.keySet().equals(keys.keySet())) {
                throw new IllegalArgumentException("discarding needs every party's abandon statement");
            }
            for (var e : keys.entrySet()) {
                if (!verifyAbandon(slot, session, p.parties().get(e.getKey()), e.getValue(), statements.get(e.getKey()))) {
                    throw new IllegalArgumentException("abandon statement of party " + e.getKey() + " does not verify");
                }
            }
            store.delete(pendingSlot(slot));
        } finally {
            p.wipe();
        }
    }

    private byte[] signAbandon(ShareSlot slot, String session) {
        Ed25519ctxSigner s = new Ed25519ctxSigner(ABANDON_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        s.init(true, identity.signingKey());
        byte[] m = abandonBytes(slot, session, identity.id());
        s.update(m, 0, m.length);
        return s.generateSignature();
    }

    private static boolean verifyAbandon(ShareSlot slot, String session, NodeId node, Ed25519PublicKeyParameters key,
                                         byte[] sig) {
        if (sig == null || sig.length != 64) return false;
        Ed25519ctxSigner v = new Ed25519ctxSigner(ABANDON_CONTEXT.getBytes(StandardCharsets.US_ASCII));
        v.init(false, key);
        byte[] m = abandonBytes(slot, session, node);
        v.update(m, 0, m.length);
        return v.verifySignature(sig);
    }

    private static byte[] abandonBytes(ShareSlot slot, String session, NodeId node) {
        return new WireWriter("refresh.abandon").string(slot.wallet().value()).string(slot.key().value())
                .string(slot.protocol()).string(session).string(node.value()).toBytes();
    }

    private Map<Integer, Ed25519PublicKeyParameters> keysOf(Map<Integer, NodeId> parties) {
        Map<Integer, Ed25519PublicKeyParameters> keys = new TreeMap<>();
        parties.forEach((p, n) -> keys.put(p, new Ed25519PublicKeyParameters(roster.node(n)
                .orElseThrow(() -> new IllegalArgumentException("node " + n + " not in roster")).keys().signing(), 0)));
        return keys;
    }

    private Pending pending(ShareSlot slot) {
        if (!store.exists(pendingSlot(slot))) return null;
        byte[] plain = store.get(pendingSlot(slot));
        try {
            return Pending.decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private AckCertificate certificate(ShareSlot slot) {
        if (!store.exists(commitSlot(slot))) return null;
        try {
            return AckCertificate.decode(store.get(commitSlot(slot)));
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    private List<String> abandoned(ShareSlot slot) {
        if (!store.exists(abandonedSlot(slot))) return List.of();
        WireReader in = new WireReader(store.get(abandonedSlot(slot)), "refresh.abandoned");
        int n = in.integer();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) out.add(in.string());
        in.end();
        return out;
    }

    /** Whether a pending generation exists (tests, monitoring). */
    boolean hasPending(ShareSlot slot) {
        return store.exists(pendingSlot(slot));
    }
}
