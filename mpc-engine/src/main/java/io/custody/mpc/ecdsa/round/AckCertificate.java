package io.custody.mpc.ecdsa.round;

import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;
import io.custody.mpc.session.ProtocolMessage;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Proof that every party of a refresh acknowledged the same new public state: the acknowledgement payload (a digest
 * of generation, public shares and, for ECDSA, Paillier and ring-Pedersen keys) and each party's message signature
 * of the acknowledgement broadcast. Anyone holding the parties' public keys can check it, which is what lets a node
 * that missed the last acknowledgements commit later on the word of no one (docs/adr/frost-005).
 */
public record AckCertificate(String context, String sessionId, String protocol, int round, byte[] ackPayload,
                             SortedMap<Integer, byte[]> signatures) {

    public AckCertificate {
        ackPayload = ackPayload.clone();
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        signatures.forEach((p, s) -> copy.put(p, s.clone()));
        signatures = java.util.Collections.unmodifiableSortedMap(copy);
    }

    @Override
    public byte[] ackPayload() {
        return ackPayload.clone();
    }

    /** True when every party of {@code keys} signed this acknowledgement and nobody else is listed. */
    public boolean verifies(Map<Integer, Ed25519PublicKeyParameters> keys) {
        if (!signatures.keySet().equals(keys.keySet())) return false;
        byte[] digest = MessageSignatures.digest(ackPayload);
        for (var e : keys.entrySet()) {
            if (!MessageSignatures.verify(e.getValue(), context, sessionId, protocol, round, e.getKey(),
                    ProtocolMessage.BROADCAST, digest, signatures.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    public boolean sameAck(byte[] otherAckPayload) {
        return Arrays.equals(ackPayload, otherAckPayload);
    }

    public byte[] encode() {
        WireWriter w = new WireWriter("refresh.ack-certificate").string(context).string(sessionId).string(protocol)
                .integer(round).bytes(ackPayload).integer(signatures.size());
        signatures.forEach((p, s) -> w.integer(p).bytes(s));
        return w.toBytes();
    }

    /** @throws io.custody.mpc.ecdsa.wire.MalformedMessageException on a malformed encoding */
    public static AckCertificate decode(byte[] bytes) {
        WireReader in = new WireReader(bytes, "refresh.ack-certificate");
        String context = in.string();
        String session = in.string();
        String protocol = in.string();
        int round = in.integer();
        byte[] ack = in.bytes();
        int n = in.integer();
        if (n < 1 || n > 1024) throw new io.custody.mpc.ecdsa.wire.MalformedMessageException("signature count");
        SortedMap<Integer, byte[]> sigs = new TreeMap<>();
        for (int i = 0; i < n; i++) sigs.put(in.integer(), in.bytes());
        in.end();
        return new AckCertificate(context, session, protocol, round, ack, sigs);
    }

    @Override
    public String toString() {
        return "AckCertificate[" + protocol + " session=" + sessionId + " parties=" + signatures.keySet() + "]";
    }
}
