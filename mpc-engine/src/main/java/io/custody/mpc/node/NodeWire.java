package io.custody.mpc.node;

import io.custody.mpc.storage.KeyId;
import io.custody.mpc.storage.WalletId;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binary bodies of the node's HTTP API (start request, envelope batch, round output): a version byte, then fields in a
 * fixed order with length prefixes. Chosen over JSON to keep the node free of a mapping library; malformed input
 * becomes {@link IllegalArgumentException} (HTTP 400).
 */
final class NodeWire {

    private static final int VERSION = 1;
    private static final int MAX_ITEMS = 1024;
    private static final int MAX_BYTES = 1 << 20;

    private NodeWire() {
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    interface Parse<T> {
        T read(DataInputStream in) throws IOException;
    }

    static byte[] encode(Body body) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buf);
            out.writeByte(VERSION);
            body.write(out);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T decode(byte[] bytes, Parse<T> parse) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readUnsignedByte() != VERSION) {
                throw new IllegalArgumentException("unknown body version");
            }
            T value = parse.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes in body");
            }
            return value;
        } catch (EOFException e) {
            throw new IllegalArgumentException("body too short");
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable body");
        }
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_BYTES) {
            throw new IllegalArgumentException("field length out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IllegalArgumentException("item count out of range");
        }
        return n;
    }

    static byte[] request(SessionRequest r) {
        return encode(out -> {
            out.writeUTF(r.sessionId());
            out.writeUTF(r.protocol());
            out.writeUTF(r.operation().name());
            out.writeUTF(r.wallet().value());
            out.writeUTF(r.key().value());
            out.writeInt(r.threshold());
            out.writeInt(r.parties().size());
            for (var e : r.parties().entrySet()) {
                out.writeInt(e.getKey());
                out.writeUTF(e.getValue().value());
            }
            out.writeInt(r.active().size());
            for (int i : r.active()) {
                out.writeInt(i);
            }
            bytes(out, r.message());
        });
    }

    static SessionRequest request(byte[] body) {
        return decode(body, in -> {
            String sid = in.readUTF();
            String protocol = in.readUTF();
            Operation op = Operation.valueOf(in.readUTF());
            WalletId wallet = new WalletId(in.readUTF());
            KeyId key = new KeyId(in.readUTF());
            int t = in.readInt();
            Map<Integer, NodeId> parties = new TreeMap<>();
            for (int i = count(in); i > 0; i--) {
                parties.put(in.readInt(), new NodeId(in.readUTF()));
            }
            List<Integer> active = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                active.add(in.readInt());
            }
            return new SessionRequest(sid, protocol, op, wallet, key, t, parties, active, bytes(in));
        });
    }

    private static void envelope(DataOutputStream out, SealedEnvelope e) throws IOException {
        out.writeUTF(e.sessionId());
        out.writeUTF(e.protocol());
        out.writeInt(e.round());
        out.writeInt(e.fromParty());
        out.writeInt(e.toParty());
        out.writeUTF(e.fromNode().value());
        out.writeUTF(e.toNode() == null ? "" : e.toNode().value());
        bytes(out, e.nonce());
        bytes(out, e.body());
        bytes(out, e.signature());
    }

    private static SealedEnvelope envelope(DataInputStream in) throws IOException {
        String sid = in.readUTF();
        String protocol = in.readUTF();
        int round = in.readInt();
        int from = in.readInt();
        int to = in.readInt();
        NodeId fromNode = new NodeId(in.readUTF());
        String toNode = in.readUTF();
        return new SealedEnvelope(sid, protocol, round, from, to, fromNode, toNode.isEmpty() ? null : new NodeId(toNode),
                bytes(in), bytes(in), bytes(in));
    }

    static byte[] envelopes(List<SealedEnvelope> list) {
        return encode(out -> {
            out.writeInt(list.size());
            for (SealedEnvelope e : list) {
                envelope(out, e);
            }
        });
    }

    static List<SealedEnvelope> envelopes(byte[] body) {
        return decode(body, in -> {
            List<SealedEnvelope> list = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                list.add(envelope(in));
            }
            return list;
        });
    }

    static byte[] output(RoundOutput o) {
        return encode(out -> {
            out.writeUTF(o.status().name());
            out.writeInt(o.outgoing().size());
            for (SealedEnvelope e : o.outgoing()) {
                envelope(out, e);
            }
            bytes(out, o.result());
            out.writeInt(o.culprit());
            out.writeUTF(o.check());
            out.writeUTF(o.detail());
        });
    }

    static RoundOutput output(byte[] body) {
        return decode(body, in -> {
            RoundOutput.Status status = RoundOutput.Status.valueOf(in.readUTF());
            List<SealedEnvelope> list = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                list.add(envelope(in));
            }
            return new RoundOutput(status, list, bytes(in), in.readInt(), in.readUTF(), in.readUTF());
        });
    }
}
