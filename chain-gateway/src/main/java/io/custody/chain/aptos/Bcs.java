package io.custody.chain.aptos;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Binary Canonical Serialization writer: little-endian fixed-width integers, ULEB128 lengths and enum tags,
 * length-prefixed byte strings. Only what Aptos transactions need.
 */
public final class Bcs {

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Bcs u8(int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException("u8 out of range: " + v);
        }
        out.write(v);
        return this;
    }

    public Bcs bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    /** Unsigned 64-bit; Java longs are read as unsigned only through the BigInteger overload. */
    public Bcs u64(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("u64 from a negative long: " + v);
        }
        return u64(BigInteger.valueOf(v));
    }

    public Bcs u64(BigInteger v) {
        return littleEndian(v, 8, U64_MAX);
    }

    public Bcs u128(BigInteger v) {
        return littleEndian(v, 16, U128_MAX);
    }

    public Bcs uleb128(long v) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException("ULEB128 value out of u32 range: " + v);
        }
        long x = v;
        while (x >= 0x80) {
            out.write((int) ((x & 0x7f) | 0x80));
            x >>>= 7;
        }
        out.write((int) x);
        return this;
    }

    /** A byte vector: ULEB128 length then the bytes. */
    public Bcs bytes(byte[] b) {
        uleb128(b.length);
        return fixed(b);
    }

    /** Bytes whose length the type fixes (addresses), no prefix. */
    public Bcs fixed(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public Bcs string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private Bcs littleEndian(BigInteger v, int width, BigInteger max) {
        if (v.signum() < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("value out of range for " + (width * 8) + " bits: " + v);
        }
        byte[] be = v.toByteArray();
        for (int i = 0; i < width; i++) {
            int idx = be.length - 1 - i;
            out.write(idx >= 0 ? be[idx] : 0);
        }
        return this;
    }
}
