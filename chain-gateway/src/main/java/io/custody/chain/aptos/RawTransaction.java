package io.custody.chain.aptos;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA3Digest;

/** Aptos RawTransaction with an entry-function payload, and the message its sender signs. */
public record RawTransaction(AptosAddress sender, long sequenceNumber, EntryFunction payload, long maxGasAmount,
                             long gasUnitPrice, long expirationTimestampSecs, int chainId) {

    /** sha3-256("APTOS::RawTransaction"): domain separation so a transaction signature means nothing elsewhere. */
    static final byte[] SIGNING_PREFIX = sha3("APTOS::RawTransaction".getBytes(StandardCharsets.UTF_8));

    public byte[] bcs() {
        Bcs b = new Bcs().fixed(sender.bytes()).u64(sequenceNumber);
        payload.serializeAsPayload(b);
        return b.u64(maxGasAmount).u64(gasUnitPrice).u64(expirationTimestampSecs).u8(chainId).toByteArray();
    }

    /** What Ed25519 signs: the prefix followed by the BCS bytes (Ed25519 hashes internally, so no digest here). */
    public byte[] signingMessage() {
        return signingMessage(bcs());
    }

    static byte[] signingMessage(byte[] rawBcs) {
        byte[] m = new byte[32 + rawBcs.length];
        System.arraycopy(SIGNING_PREFIX, 0, m, 0, 32);
        System.arraycopy(rawBcs, 0, m, 32, rawBcs.length);
        return m;
    }

    static byte[] sha3(byte[] data) {
        SHA3Digest d = new SHA3Digest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
