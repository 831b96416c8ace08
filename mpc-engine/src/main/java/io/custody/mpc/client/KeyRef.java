package io.custody.mpc.client;

import java.util.Objects;

/** Which threshold key: the wallet it belongs to and its id within the wallet (both {@code [A-Za-z0-9._-]{1,64}}). */
public record KeyRef(String walletId, String keyId) {
    public KeyRef {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(keyId, "keyId");
        for (String s : new String[] {walletId, keyId}) {
            if (!s.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("wallet and key ids are 1-64 characters of [A-Za-z0-9._-]");
            }
        }
    }
}
