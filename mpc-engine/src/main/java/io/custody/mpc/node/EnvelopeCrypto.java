package io.custody.mpc.node;

import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals and opens {@link SealedEnvelope}s. Point-to-point payloads: X25519 between the two nodes' static keys, HKDF-SHA256
 * with the session id as salt and both node ids as info, AES-256-GCM with a random nonce and the envelope header as
 * associated data. Every envelope, sealed or broadcast, is then signed with the sender's Ed25519 key over all fields.
 * Static-static agreement has no forward secrecy across sessions; ADR frost-004 explains why that is accepted here.
 */
public final class EnvelopeCrypto {

    private static final byte[] HKDF_LABEL = "custody-mpc-p2p/v1".getBytes(StandardCharsets.US_ASCII);
    private final NodeIdentity self;
    private final ClusterRoster roster;
    private final SecureRandom random;

    private final java.util.Map<NodeId, Ed25519PublicKeyParameters> verificationKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    public EnvelopeCrypto(NodeIdentity self, ClusterRoster roster, SecureRandom random) {
        this.self = self;
        this.roster = roster;
        this.random = random;
    }

    /** Thrown when an envelope fails a check; the message names the check, never any key material. */
    public static final class EnvelopeRejected extends RuntimeException {
        public EnvelopeRejected(String message) {
            super(message);
        }
    }

    public SealedEnvelope seal(ProtocolMessage m, NodeId toNode) {
        byte[] nonce = new byte[0];
        byte[] body = m.payload();
        if (toNode != null) {
            nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] key = pairKey(toNode, m.sessionId(), self.id(), toNode);
            byte[] plain = body;
            try {
                body = gcm(true, key, nonce, header(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(),
                        self.id(), toNode), plain);
            } finally {
                Arrays.fill(key, (byte) 0);
                Arrays.fill(plain, (byte) 0); // point-to-point payloads carry secret shares
            }
        }
        byte[] toSign = signedBytes(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), self.id(), toNode, nonce, body);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, self.signingKey());
        signer.update(toSign, 0, toSign.length);
        return new SealedEnvelope(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), self.id(), toNode, nonce,
                body, signer.generateSignature());
    }

    /** Verifies the sender's signature, decrypts a point-to-point payload addressed to this node, and unwraps. */
    public ProtocolMessage open(SealedEnvelope e) {
        ClusterRoster.Member sender = roster.node(e.fromNode())
                .orElseThrow(() -> new EnvelopeRejected("sender " + e.fromNode() + " is not in the roster"));
        byte[] signed = signedBytes(e.sessionId(), e.protocol(), e.round(), e.fromParty(), e.toParty(), e.fromNode(),
                e.toNode(), e.nonce(), e.body());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, verificationKeys.computeIfAbsent(sender.id(),
                id -> new Ed25519PublicKeyParameters(sender.keys().signing(), 0)));
        verifier.update(signed, 0, signed.length);
        if (!verifier.verifySignature(e.signature())) {
            throw new EnvelopeRejected("envelope signature of " + e.fromNode() + " does not verify");
        }
        byte[] payload = e.body();
        if (!e.isBroadcast()) {
            if (!e.toNode().equals(self.id())) {
                throw new EnvelopeRejected("envelope addressed to " + e.toNode());
            }
            if (e.nonce().length != 12) {
                throw new EnvelopeRejected("point-to-point envelope without a 12-byte nonce");
            }
            byte[] key = pairKey(e.fromNode(), e.sessionId(), e.fromNode(), self.id());
            try {
                payload = gcm(false, key, e.nonce(), header(e.sessionId(), e.protocol(), e.round(), e.fromParty(),
                        e.toParty(), e.fromNode(), e.toNode()), e.body());
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } else if (e.nonce().length != 0 || e.toParty() != ProtocolMessage.BROADCAST) {
            throw new EnvelopeRejected("broadcast envelope with a recipient or nonce");
        }
        try {
            return new ProtocolMessage(e.sessionId(), e.protocol(), e.round(), e.fromParty(), e.toParty(), payload);
        } finally {
            if (!e.isBroadcast()) {
                Arrays.fill(payload, (byte) 0); // ProtocolMessage keeps its own copy; this one held a decrypted share
            }
        }
    }

    private byte[] pairKey(NodeId peer, String sessionId, NodeId from, NodeId to) {
        ClusterRoster.Member member = roster.node(peer)
                .orElseThrow(() -> new EnvelopeRejected("peer " + peer + " is not in the roster"));
        byte[] shared = new byte[32];
        X25519Agreement agreement = new X25519Agreement();
        agreement.init(self.agreementKey());
        try {
            // Throws on an all-zero result, i.e. a low-order public key in the roster.
            agreement.calculateAgreement(new X25519PublicKeyParameters(member.keys().agreement(), 0), shared, 0);
        } catch (IllegalStateException ex) {
            throw new EnvelopeRejected("key agreement with " + peer + " failed");
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        byte[] info = concat(HKDF_LABEL, utf8(from.value()), new byte[] {0}, utf8(to.value()));
        hkdf.init(new HKDFParameters(shared, utf8(sessionId), info));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, 32);
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[c.getOutputSize(input.length)];
        int n = c.processBytes(input, 0, input.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException ex) {
            throw new EnvelopeRejected("point-to-point payload does not authenticate");
        }
        return out;
    }

    private static byte[] header(String sessionId, String protocol, int round, int from, int to, NodeId fromNode,
                                 NodeId toNode) {
        return signedBytes(sessionId, protocol, round, from, to, fromNode, toNode, new byte[0], new byte[0]);
    }

    static byte[] signedBytes(String sessionId, String protocol, int round, int from, int to, NodeId fromNode,
                              NodeId toNode, byte[] nonce, byte[] body) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            out.writeUTF("custody-mpc-envelope/v1");
            out.writeUTF(sessionId);
            out.writeUTF(protocol);
            out.writeInt(round);
            out.writeInt(from);
            out.writeInt(to);
            out.writeUTF(fromNode.value());
            out.writeUTF(toNode == null ? "" : toNode.value());
            out.writeInt(nonce.length);
            out.write(nonce);
            out.writeInt(body.length);
            out.write(body);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
