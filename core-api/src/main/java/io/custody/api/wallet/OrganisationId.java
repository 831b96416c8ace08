package io.custody.api.wallet;

import java.util.Objects;
import java.util.regex.Pattern;

/** The organisation (tenant) that owns a custody wallet: a short slug such as {@code acme-trading}. */
public record OrganisationId(String value) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}[a-z0-9]");

    public OrganisationId {
        Objects.requireNonNull(value, "value");
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "organisation must be 3-64 characters of lower-case letters, digits and inner hyphens");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
