package io.custody.saga.withdrawal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA3Digest;

/**
 * The fields of a BCS-encoded Aptos {@code RawTransaction} the executor needs from its journaled bytes, read from the
 * fixed positions the encoding gives them: the sender (bytes 0-31), the sequence number (u64 little-endian at 32),
 * and at the end {@code max_gas_amount}, {@code gas_unit_price}, {@code expiration_timestamp_secs} (u64 each) and
 * the one-byte chain id. Also the message the account's key signs, and the renewal of an expired transaction: the
 * same bytes with a later expiration and nothing else changed.
 */
final class AptosTransactionBytes {

    /** sha3-256("APTOS::RawTransaction"), the domain prefix of the signing message. */
    private static final byte[] SIGNING_PREFIX = sha3("APTOS::RawTransaction".getBytes(StandardCharsets.UTF_8));
    /** sender, sequence number, an entry function (at least its tag), three u64 and the chain id. */
    private static final int MIN_LENGTH = 32 + 8 + 1 + 24 + 1;

    private AptosTransactionBytes() {
    }

    static byte[] sender(byte[] raw) {
        check(raw);
        return Arrays.copyOf(raw, 32);
    }

    static long sequenceNumber(byte[] raw) {
        check(raw);
        return u64(raw, 32);
    }

    static long maxGasAmount(byte[] raw) {
        check(raw);
        return u64(raw, raw.length - 25);
    }

    static long gasUnitPrice(byte[] raw) {
        check(raw);
        return u64(raw, raw.length - 17);
    }

    static long expirationSecs(byte[] raw) {
        check(raw);
        return u64(raw, raw.length - 9);
    }

    /** What Ed25519 signs for the transaction: the domain prefix followed by its BCS bytes, unhashed. */
    static byte[] signingMessage(byte[] raw) {
        check(raw);
        byte[] m = new byte[SIGNING_PREFIX.length + raw.length];
        System.arraycopy(SIGNING_PREFIX, 0, m, 0, SIGNING_PREFIX.length);
        System.arraycopy(raw, 0, m, SIGNING_PREFIX.length, raw.length);
        return m;
    }

    /** The same transaction valid until {@code expirationSecs}: only the expiration field differs. */
    static byte[] renewed(byte[] raw, long expirationSecs) {
        check(raw);
        byte[] out = raw.clone();
        ByteBuffer.wrap(out, out.length - 9, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(expirationSecs);
        return out;
    }

    /**
     * Why {@code renewal} is not {@code original} with a later expiration, or {@code null} when it is: sender,
     * sequence number, payload, gas and chain id are the approved transaction's, byte for byte.
     */
    static String renewalProblem(byte[] original, byte[] renewal) {
        if (original.length != renewal.length || original.length < MIN_LENGTH) {
            return "the renewal is not the original transaction's encoding with another expiration";
        }
        int expiry = original.length - 9;
        if (!Arrays.equals(original, 0, expiry, renewal, 0, expiry)
                || original[original.length - 1] != renewal[renewal.length - 1]) {
            return "the renewal differs from the original transaction in more than its expiration";
        }
        if (Long.compareUnsigned(u64(renewal, expiry), u64(original, expiry)) <= 0) {
            return "the renewal does not expire later than the original transaction";
        }
        return null;
    }

    private static void check(byte[] raw) {
        if (raw == null || raw.length < MIN_LENGTH) {
            throw new IllegalArgumentException("not an Aptos raw transaction");
        }
    }

    private static long u64(byte[] b, int offset) {
        return ByteBuffer.wrap(b, offset, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] sha3(byte[] data) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
