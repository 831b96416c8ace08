package io.custody.api.governance;

import java.util.Objects;
import java.util.UUID;

/** Identity of a policy-change proposal, chosen by the client (ADR identity-020). */
public record PolicyChangeId(UUID value) {

    public PolicyChangeId {
        Objects.requireNonNull(value, "value");
    }

    public static PolicyChangeId random() {
        return new PolicyChangeId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static PolicyChangeId parse(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return new PolicyChangeId(uuid);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
