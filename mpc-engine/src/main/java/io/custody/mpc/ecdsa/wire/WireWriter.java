package io.custody.mpc.ecdsa.wire;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writer of the engine's versioned binary encoding (see README.md in this package): a version byte, a type tag, then
 * length-prefixed fields. No field is ever parsed by position inside another field, so nothing is ambiguous.
 */
public final class WireWriter {

    public static final int VERSION = 1;
    /** Upper bound on any length prefix, so a forged length cannot make a reader allocate gigabytes. */
    static final int MAX_FIELD = 1 << 20;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public WireWriter(String type) {
        out.write(VERSION);
        string(type);
    }

    public WireWriter integer(int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public WireWriter bytes(byte[] b) {
        integer(b.length);
        out.writeBytes(b);
        return this;
    }

    public WireWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter big(BigInteger v) {
        return bytes(v.toByteArray());
    }

    public WireWriter bigs(BigInteger[] vs) {
        integer(vs.length);
        for (BigInteger v : vs) big(v);
        return this;
    }

    public WireWriter point(ECPoint p) {
        return bytes(Secp256k1.encode(p));
    }

    public WireWriter bool(boolean b) {
        out.write(b ? 1 : 0);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }
}
