package io.custody.api.wallet;

import java.util.Objects;
import java.util.UUID;

/** Identity of a custody wallet; its string form is the aggregate identifier in the event store. */
public record WalletId(UUID value) {

    public WalletId {
        Objects.requireNonNull(value, "value");
    }

    public static WalletId random() {
        return new WalletId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static WalletId parse(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            // UUID.fromString accepts shortened groups such as "1-1-1-1-1"; ids must be canonical.
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return new WalletId(uuid);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
