package io.custody.mpc.storage;

import java.util.Objects;

/** Identifier of one threshold key of a wallet (a wallet may hold an Ed25519 and a secp256k1 key). */
public record KeyId(String value) {
    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!WalletId.SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException("key id must match " + WalletId.SAFE);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
