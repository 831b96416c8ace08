package io.custody.mpc.ecdsa.wire;

import io.custody.mpc.ecdsa.curve.Secp256k1;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Reader of {@link WireWriter}'s encoding; any deviation is a {@link MalformedMessageException}. */
public final class WireReader {

    private final byte[] in;
    private int pos;

    public WireReader(byte[] in, String expectedType) {
        this.in = in;
        int version = u8();
        if (version != WireWriter.VERSION) throw new MalformedMessageException("unknown encoding version " + version);
        String type = string();
        if (!type.equals(expectedType)) throw new MalformedMessageException("expected " + expectedType + ", got " + type);
    }

    private int u8() {
        if (pos >= in.length) throw new MalformedMessageException("truncated");
        return in[pos++] & 0xff;
    }

    public int integer() {
        return (u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
    }

    public byte[] bytes() {
        int n = integer();
        if (n < 0 || n > WireWriter.MAX_FIELD || pos + n > in.length) throw new MalformedMessageException("bad length");
        byte[] b = new byte[n];
        System.arraycopy(in, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public BigInteger big() {
        byte[] b = bytes();
        if (b.length == 0) throw new MalformedMessageException("empty integer");
        return new BigInteger(b);
    }

    public BigInteger[] bigs(int expectedCount) {
        int n = integer();
        if (n != expectedCount) throw new MalformedMessageException("expected " + expectedCount + " values, got " + n);
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) out[i] = big();
        return out;
    }

    /** A list whose length the sender chose; capped so a forged count cannot exhaust memory. */
    public BigInteger[] bigsAnyCount(int max) {
        int n = integer();
        if (n < 0 || n > max) throw new MalformedMessageException("too many values: " + n);
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) out[i] = big();
        return out;
    }

    /** Decodes and validates a curve point; an invalid one surfaces as {@link Secp256k1.InvalidPointException}. */
    public ECPoint point() {
        return Secp256k1.decode(bytes());
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) throw new MalformedMessageException("bad boolean");
        return b == 1;
    }

    public void end() {
        if (pos != in.length) throw new MalformedMessageException("trailing bytes");
    }
}
