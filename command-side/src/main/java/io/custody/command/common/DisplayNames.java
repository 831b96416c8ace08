package io.custody.command.common;

import java.util.List;

/** The rule of every display name (wallets, organisations, members, service accounts). */
public final class DisplayNames {

    public static final int MAX_LENGTH = 120;

    private DisplayNames() {
    }

    /** Not blank, at most {@value #MAX_LENGTH} characters after trimming, no control characters. */
    public static List<String> violations(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return List.of("is required");
        }
        if (name.length() > MAX_LENGTH) {
            return List.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return List.of("must not contain control characters");
        }
        return List.of();
    }
}
