package io.custody.audit.tool;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows of PostgreSQL's binary {@code COPY} format (PostgreSQL documentation, "COPY", "Binary Format"): an 11-byte
 * signature, a 32-bit flags field and a header extension, then per row a 16-bit field count ({@code -1} ends the data)
 * and per field a 32-bit length ({@code -1}: NULL) and its bytes in the type's binary form. Reads only the types the
 * event scan needs: {@code bigint}, text ({@code varchar}, in the client encoding, UTF-8 for PgJDBC) and
 * {@code bytea}. Anything else in the stream (another field count, a short field) is an error, not a guess.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final DataInputStream in;

    BinaryCopy(DataInputStream in) throws IOException {
        this.in = in;
        byte[] signature = new byte[SIGNATURE.length];
        in.readFully(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not a binary COPY stream");
        }
        int flags = in.readInt();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY with OIDs is not expected");
        }
        int extension = in.readInt();
        if (extension < 0 || in.skipBytes(extension) != extension) {
            throw new IOException("truncated binary COPY header");
        }
    }

    /** Moves to the next row, which must have {@code fields} fields; {@code false} at the end of the data. */
    boolean next(int fields) throws IOException {
        short count = in.readShort();
        if (count == -1) {
            return false;
        }
        if (count != fields) {
            throw new IOException("binary COPY row of " + count + " fields where " + fields + " were expected");
        }
        return true;
    }

    long int8() throws IOException {
        int length = in.readInt();
        if (length != 8) {
            throw new IOException("bigint field of length " + length);
        }
        return in.readLong();
    }

    String text() throws IOException {
        byte[] bytes = bytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] bytes() throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new IOException("field of length " + length);
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            throw new IOException("truncated binary COPY field", e);
        }
        return bytes;
    }
}
