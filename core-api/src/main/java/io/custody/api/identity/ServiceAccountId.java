package io.custody.api.identity;

import java.util.Objects;
import java.util.UUID;

/** An API client of one organisation; its string form is the aggregate identifier. */
public record ServiceAccountId(UUID value) {

    public ServiceAccountId {
        Objects.requireNonNull(value, "value");
    }

    public static ServiceAccountId random() {
        return new ServiceAccountId(UUID.randomUUID());
    }

    public static ServiceAccountId parse(String text) {
        return new ServiceAccountId(Ids.canonicalUuid(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
