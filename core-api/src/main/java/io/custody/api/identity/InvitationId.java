package io.custody.api.identity;

import java.util.Objects;
import java.util.UUID;

/** A single-use invitation to join an organisation. */
public record InvitationId(UUID value) {

    public InvitationId {
        Objects.requireNonNull(value, "value");
    }

    public static InvitationId random() {
        return new InvitationId(UUID.randomUUID());
    }

    public static InvitationId parse(String text) {
        return new InvitationId(Ids.canonicalUuid(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
