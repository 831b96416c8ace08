package io.custody.api.withdrawal;

import java.util.Objects;
import java.util.UUID;

/** Identity of a withdrawal proposal. */
public record ProposalId(UUID value) {

    public ProposalId {
        Objects.requireNonNull(value, "value");
    }

    public static ProposalId random() {
        return new ProposalId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form; throws {@link IllegalArgumentException} for anything else. */
    public static ProposalId parse(String text) {
        UUID uuid = UUID.fromString(text);
        if (!uuid.toString().equalsIgnoreCase(text)) {
            throw new IllegalArgumentException("not a canonical UUID: " + text);
        }
        return new ProposalId(uuid);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
