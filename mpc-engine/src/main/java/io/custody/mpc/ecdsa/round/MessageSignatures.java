package io.custody.mpc.ecdsa.round;

import io.custody.mpc.session.ProtocolMessage;
import io.custody.mpc.transcript.ProofContext;
import io.custody.mpc.transcript.Transcript;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519ctxSigner;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Signs and checks protocol messages: the payload on the wire is the protocol's bytes followed by a 64-byte
 * Ed25519ctx signature (RFC 8032) over the envelope fields and the payload digest. The envelope is inside the signed
 * bytes, so a signature for one round, sender, recipient or session proves nothing about another. ECDSA signs under
 * {@value #CONTEXT}, FROST under {@value #FROST_CONTEXT}: the node's one identity key signs both, and the context keeps
 * a signature of one family from ever counting in the other (docs/adr/ecdsa-008, frost-005).
 */
public final class MessageSignatures {

    public static final String CONTEXT = "custody-ecdsa-message/1";
    public static final String FROST_CONTEXT = "custody-frost-message/1";

    private MessageSignatures() {
    }

    /** 32-byte digest of a protocol payload (the transcript hash, domain-separated from every proof). */
    public static byte[] digest(byte[] payload) {
        byte[] d = Transcript.start("ecdsa/message-digest", new ProofContext("", "", 1, 0, 0)).append("m", payload)
                .challengeBelow("h", BigInteger.ONE.shiftLeft(256)).toByteArray();
        byte[] out = new byte[Receipt.DIGEST_BYTES];
        int n = Math.min(d.length, out.length);
        System.arraycopy(d, d.length - n, out, out.length - n, n);
        return out;
    }

    /** The message with {@code payload} replaced by payload || signature. */
    public static ProtocolMessage sign(ProtocolMessage m, Ed25519PrivateKeyParameters key) {
        return sign(m, key, CONTEXT);
    }

    /** As {@link #sign(ProtocolMessage, Ed25519PrivateKeyParameters)} under another protocol family's context. */
    public static ProtocolMessage sign(ProtocolMessage m, Ed25519PrivateKeyParameters key, String context) {
        return withSignature(m, receipt(m, key, context).signature());
    }

    /** {@code m} with {@code sig} appended to its payload. */
    public static ProtocolMessage withSignature(ProtocolMessage m, byte[] sig) {
        byte[] payload = m.payload();
        byte[] out = Arrays.copyOf(payload, payload.length + Receipt.SIGNATURE_BYTES);
        System.arraycopy(sig, 0, out, payload.length, sig.length);
        return new ProtocolMessage(m.sessionId(), m.protocol(), m.round(), m.from(), m.to(), out);
    }

    /** The receipt {@code key}'s owner would produce for sending {@code unsigned} (a test or tool forging a party). */
    public static Receipt receipt(ProtocolMessage unsigned, Ed25519PrivateKeyParameters key) {
        return receipt(unsigned, key, CONTEXT);
    }

    public static Receipt receipt(ProtocolMessage unsigned, Ed25519PrivateKeyParameters key, String context) {
        byte[] d = digest(unsigned.payload());
        return new Receipt(d, signature(key, context, unsigned.sessionId(), unsigned.protocol(), unsigned.round(),
                unsigned.from(), unsigned.to(), d));
    }

    /** The protocol payload of a signed message (no check). */
    public static byte[] payload(ProtocolMessage signed) {
        byte[] all = signed.payload();
        return Arrays.copyOf(all, Math.max(0, all.length - Receipt.SIGNATURE_BYTES));
    }

    /** The signature of a signed message, or null if it is too short to carry one. */
    public static byte[] signature(ProtocolMessage signed) {
        byte[] all = signed.payload();
        if (all.length < Receipt.SIGNATURE_BYTES) return null;
        return Arrays.copyOfRange(all, all.length - Receipt.SIGNATURE_BYTES, all.length);
    }

    static byte[] signature(Ed25519PrivateKeyParameters key, String session, String protocol, int round, int from,
                            int to, byte[] digest) {
        return signature(key, CONTEXT, session, protocol, round, from, to, digest);
    }

    static byte[] signature(Ed25519PrivateKeyParameters key, String context, String session, String protocol,
                            int round, int from, int to, byte[] digest) {
        Ed25519ctxSigner s = new Ed25519ctxSigner(context.getBytes(StandardCharsets.US_ASCII));
        s.init(true, key);
        byte[] msg = signedBytes(session, protocol, round, from, to, digest);
        s.update(msg, 0, msg.length);
        return s.generateSignature();
    }

    static boolean verify(Ed25519PublicKeyParameters key, String session, String protocol, int round, int from,
                          int to, byte[] digest, byte[] signature) {
        return verify(key, CONTEXT, session, protocol, round, from, to, digest, signature);
    }

    /** Whether {@code signature} is {@code key}'s signature, under {@code context}, of a message with these fields. */
    public static boolean verify(Ed25519PublicKeyParameters key, String context, String session, String protocol,
                                 int round, int from, int to, byte[] digest, byte[] signature) {
        if (signature == null || signature.length != Receipt.SIGNATURE_BYTES) return false;
        if (digest == null || digest.length != Receipt.DIGEST_BYTES) return false;
        Ed25519ctxSigner v = new Ed25519ctxSigner(context.getBytes(StandardCharsets.US_ASCII));
        v.init(false, key);
        byte[] msg = signedBytes(session, protocol, round, from, to, digest);
        v.update(msg, 0, msg.length);
        return v.verifySignature(signature);
    }

    private static byte[] signedBytes(String session, String protocol, int round, int from, int to, byte[] digest) {
        return new io.custody.mpc.ecdsa.wire.WireWriter("ecdsa.signed-message").string(session).string(protocol)
                .integer(round).integer(from).integer(to).bytes(digest).toBytes();
    }
}
