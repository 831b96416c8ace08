package io.custody.api.identity;

import java.util.UUID;

final class Ids {

    private Ids() {
    }

    /** Only the canonical form: {@code UUID.fromString} also accepts shortened groups such as {@code 1-1-1-1-1}. */
    static UUID canonicalUuid(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return uuid;
    }
}
