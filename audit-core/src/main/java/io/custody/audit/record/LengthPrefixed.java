package io.custody.audit.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Unambiguous concatenation of fields: each is {@code 0x00} when absent, else {@code 0x01}, its length as a 4-byte
 * big-endian integer and its bytes. No field's content can be mistaken for a boundary, so two different field lists
 * never encode to the same bytes.
 *
 * <p>The buffer is reusable ({@link #reset(String)}) so that hashing many encodings ({@link AuditHasher}) neither
 * allocates a buffer per record nor copies the encoding out before hashing it. Not thread-safe.
 */
final class LengthPrefixed {

    private byte[] buffer = new byte[1024];
    private int length;

    LengthPrefixed(String domain) {
        reset(domain);
    }

    /** Empties the buffer and starts a new encoding with {@code domain} as its first field. */
    LengthPrefixed reset(String domain) {
        length = 0;
        return bytes(domain.getBytes(StandardCharsets.US_ASCII));
    }

    LengthPrefixed text(String value) {
        return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    LengthPrefixed bytes(byte[] value) {
        if (value == null) {
            ensure(1);
            buffer[length++] = 0;
            return this;
        }
        int n = value.length;
        ensure(5 + n);
        buffer[length] = 1;
        buffer[length + 1] = (byte) (n >>> 24);
        buffer[length + 2] = (byte) (n >>> 16);
        buffer[length + 3] = (byte) (n >>> 8);
        buffer[length + 4] = (byte) n;
        System.arraycopy(value, 0, buffer, length + 5, n);
        length += 5 + n;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** Feeds the encoding so far to {@code digest}, without copying it. */
    void updateDigest(MessageDigest digest) {
        digest.update(buffer, 0, length);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
