package io.custody.chain.aptos;

import java.nio.charset.StandardCharsets;

/** A RawTransaction with its authenticator, as submitted in BCS to {@code POST /v1/transactions}. */
public record SignedAptosTransaction(byte[] rawBcs, TransactionAuthenticator authenticator) {

    /** sha3-256("APTOS::Transaction"), the domain prefix of committed transaction hashes. */
    static final byte[] TRANSACTION_PREFIX = RawTransaction.sha3("APTOS::Transaction".getBytes(StandardCharsets.UTF_8));

    public SignedAptosTransaction {
        rawBcs = rawBcs.clone();
    }

    public byte[] bcs() {
        Bcs b = new Bcs().fixed(rawBcs);
        authenticator.serialize(b);
        return b.toByteArray();
    }

    /**
     * The hash the chain reports for this user transaction: sha3-256(prefix || 0x00 (Transaction::UserTransaction) ||
     * bcs(signed)). The REST API's answer on submission is compared with it.
     */
    public byte[] hash() {
        byte[] signed = bcs();
        byte[] in = new byte[32 + 1 + signed.length];
        System.arraycopy(TRANSACTION_PREFIX, 0, in, 0, 32);
        in[32] = 0;
        System.arraycopy(signed, 0, in, 33, signed.length);
        return RawTransaction.sha3(in);
    }

    @Override
    public byte[] rawBcs() {
        return rawBcs.clone();
    }
}
