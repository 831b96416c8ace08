package io.custody.api.identity;

import java.util.Objects;
import java.util.UUID;

/** A member of an organisation: a person, who logs in with a passkey. */
public record MemberId(UUID value) {

    public MemberId {
        Objects.requireNonNull(value, "value");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID());
    }

    public static MemberId parse(String text) {
        return new MemberId(Ids.canonicalUuid(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
