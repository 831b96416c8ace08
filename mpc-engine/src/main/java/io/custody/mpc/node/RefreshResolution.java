package io.custody.mpc.node;

import io.custody.mpc.ecdsa.round.AckCertificate;
import io.custody.mpc.ecdsa.wire.WireReader;
import io.custody.mpc.ecdsa.wire.WireWriter;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The messages of a refresh resolution ({@link Operation#RESOLVE_REFRESH}, docs/adr/frost-005): what the coordinator
 * asks a node about a half-finished refresh, and what the node answers. Everything here is public data: certificates
 * and abandon statements are signatures, pending shares never leave the node.
 */
final class RefreshResolution {

    private RefreshResolution() {
    }

    enum Kind { STATUS, ABANDON, COMMIT, DISCARD }

    enum State { SETTLED, PENDING }

    /** A coordinator's request: the session concerned, and the evidence for COMMIT (certificate) or DISCARD. */
    record Command(Kind kind, String sessionId, AckCertificate certificate, SortedMap<Integer, byte[]> statements) {

        static Command status() {
            return new Command(Kind.STATUS, "", null, new TreeMap<>());
        }

        static Command abandon(String session) {
            return new Command(Kind.ABANDON, session, null, new TreeMap<>());
        }

        static Command commit(AckCertificate cert) {
            return new Command(Kind.COMMIT, cert.sessionId(), cert, new TreeMap<>());
        }

        static Command discard(String session, SortedMap<Integer, byte[]> statements) {
            return new Command(Kind.DISCARD, session, null, statements);
        }

        byte[] encode() {
            WireWriter w = new WireWriter("refresh.resolve").string(kind.name()).string(sessionId)
                    .bytes(certificate == null ? new byte[0] : certificate.encode()).integer(statements.size());
            statements.forEach((p, s) -> w.integer(p).bytes(s));
            return w.toBytes();
        }

        static Command decode(byte[] bytes) {
            WireReader in = new WireReader(bytes, "refresh.resolve");
            Kind kind = Kind.valueOf(in.string());
            String session = in.string();
            byte[] cert = in.bytes();
            int n = in.integer();
            if (n < 0 || n > 1024) throw new IllegalArgumentException("statement count");
            SortedMap<Integer, byte[]> statements = new TreeMap<>();
            for (int i = 0; i < n; i++) statements.put(in.integer(), in.bytes());
            in.end();
            return new Command(kind, session, cert.length == 0 ? null : AckCertificate.decode(cert), statements);
        }
    }

    /**
     * A node's answer: whether it holds a pending generation (and of which session), the certificate of its last
     * committed refresh if it has one, and for ABANDON its signed statement.
     */
    record Status(State state, String sessionId, AckCertificate certificate, byte[] abandonStatement) {

        byte[] encode() {
            return new WireWriter("refresh.status").string(state.name()).string(sessionId)
                    .bytes(certificate == null ? new byte[0] : certificate.encode())
                    .bytes(abandonStatement == null ? new byte[0] : abandonStatement).toBytes();
        }

        static Status decode(byte[] bytes) {
            WireReader in = new WireReader(bytes, "refresh.status");
            State state = State.valueOf(in.string());
            String session = in.string();
            byte[] cert = in.bytes();
            byte[] statement = in.bytes();
            in.end();
            return new Status(state, session, cert.length == 0 ? null : AckCertificate.decode(cert),
                    statement.length == 0 ? null : statement);
        }
    }
}
