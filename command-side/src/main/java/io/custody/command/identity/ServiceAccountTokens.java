package io.custody.command.identity;

import io.custody.api.identity.ServiceAccountId;
import java.util.Optional;

/**
 * A service account's bearer token: {@code csa.<service account id>.<secret>}. The id lets the server find the
 * account's stored hash without searching; the secret is what proves possession.
 */
public final class ServiceAccountTokens {

    public static final String PREFIX = "csa.";

    private ServiceAccountTokens() {
    }

    public record Parsed(ServiceAccountId id, String secret) {
    }

    public static String format(ServiceAccountId id, String secret) {
        return PREFIX + id + "." + secret;
    }

    /** The parts of a token in this format, or empty for anything else (then it is no service account token). */
    public static Optional<Parsed> parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) return Optional.empty();
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot != 36 || rest.length() != 36 + 1 + 43) return Optional.empty();
        try {
            String secret = rest.substring(dot + 1);
            if (!secret.matches("[A-Za-z0-9_-]{43}")) return Optional.empty();
            return Optional.of(new Parsed(ServiceAccountId.parse(rest.substring(0, dot)), secret));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
