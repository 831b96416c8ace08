package io.custody.chain.aptos;

import io.custody.chain.ChainAddress;
import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte Aptos account address; text form is the long form, 0x + 64 lower-case hex (AIP-40). */
public record AptosAddress(byte[] bytes) {

    public AptosAddress {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("Aptos address must be 32 bytes");
        }
        bytes = bytes.clone();
    }

    /**
     * Parses the long form, and the short form only for special addresses 0x0..0xf (as AIP-40 allows), so that a
     * truncated ordinary address is never silently zero-padded into a different account.
     */
    public static AptosAddress parse(String text) {
        if (text == null || !text.startsWith("0x")) {
            throw new IllegalArgumentException("Aptos address must start with 0x: " + text);
        }
        String hex = text.substring(2);
        if (hex.length() == 64) {
            return new AptosAddress(HexFormat.of().parseHex(hex));
        }
        if (hex.length() == 1 && Character.digit(hex.charAt(0), 16) >= 0) {
            byte[] b = new byte[32];
            b[31] = (byte) Character.digit(hex.charAt(0), 16);
            return new AptosAddress(b);
        }
        throw new IllegalArgumentException("not a long-form Aptos address: " + text);
    }

    public static AptosAddress of(ChainAddress a) {
        return parse(a.value());
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public ChainAddress toChainAddress() {
        return new ChainAddress(toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AptosAddress a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
