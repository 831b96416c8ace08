package io.custody.mpc.frost;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;

/**
 * The versioned byte layout of FROST round payloads: a version byte, then fields in a fixed order, each group element
 * and scalar in its ciphersuite encoding. A reader that finds too few or too many bytes throws
 * {@link EncodingException}, which the state machines turn into an abort naming the sender.
 */
final class Wire {

    static final byte VERSION = 1;

    private Wire() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer() {
            out.write(VERSION);
        }

        Writer bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Writer u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        byte[] done() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] payload) {
            in = ByteBuffer.wrap(payload);
            if (!in.hasRemaining() || in.get() != VERSION) {
                throw new EncodingException("unknown payload version");
            }
        }

        byte[] bytes(int n) {
            try {
                byte[] b = new byte[n];
                in.get(b);
                return b;
            } catch (BufferUnderflowException e) {
                throw new EncodingException("payload too short");
            }
        }

        int u16() {
            byte[] b = bytes(2);
            return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        }

        BigInteger scalar(Ciphersuite cs) {
            return cs.deserializeScalar(bytes(cs.scalarLength()));
        }

        org.bouncycastle.math.ec.ECPoint element(Ciphersuite cs) {
            return cs.deserializeElement(bytes(cs.elementLength()));
        }

        org.bouncycastle.math.ec.ECPoint storedElement(Ciphersuite cs) {
            return cs.deserializeStoredElement(bytes(cs.elementLength()));
        }

        void end() {
            if (in.hasRemaining()) {
                throw new EncodingException("trailing bytes in payload");
            }
        }
    }
}
