package io.custody.audit.record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Unambiguous concatenation of fields: each is {@code 0x00} when absent, else {@code 0x01}, its length as a 4-byte
 * big-endian integer and its bytes. No field's content can be mistaken for a boundary, so two different field lists
 * never encode to the same bytes.
 */
final class LengthPrefixed {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    LengthPrefixed(String domain) {
        bytes(domain.getBytes(StandardCharsets.US_ASCII));
    }

    LengthPrefixed text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    LengthPrefixed bytes(byte[] value) {
        if (value == null) {
            out.write(0);
            return this;
        }
        out.write(1);
        int n = value.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(value);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
