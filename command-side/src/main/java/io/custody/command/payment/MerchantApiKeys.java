package io.custody.command.payment;

import io.custody.command.identity.Secrets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A merchant API key as the merchant holds it: {@code mk_<keyId>_<secret>}, where the key id (32 hex characters, 128
 * random bits) is public and lets the server find the stored hash without searching, and the secret (43 base64url
 * characters, 256 random bits, {@link Secrets}) proves possession. The prefix makes a leaked key recognisable to
 * secret scanners and to people. Both parts have fixed lengths, so the {@code _} in base64url secrets is harmless.
 */
public final class MerchantApiKeys {

    public static final String PREFIX = "mk_";
    /** How the caller metadata names a merchant API key as the credential of a request (then the key id). */
    public static final String CREDENTIAL_PREFIX = "merchant-api-key:";
    public static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int LENGTH = PREFIX.length() + 32 + 1 + 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MerchantApiKeys() {
    }

    /** A key as presented: its id and the secret, which the caller must not keep longer than the request. */
    public record Parsed(String keyId, String secret) {
        @Override
        public String toString() {
            return "MerchantApiKey[" + keyId + "]"; // never the secret
        }
    }

    public static String newKeyId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String format(String keyId, String secret) {
        return PREFIX + keyId + "_" + secret;
    }

    /** The parts of a key in this format, or empty for anything else. */
    public static Optional<Parsed> parse(String key) {
        if (key == null || key.length() != LENGTH || !key.startsWith(PREFIX)
                || key.charAt(PREFIX.length() + 32) != '_') {
            return Optional.empty();
        }
        String keyId = key.substring(PREFIX.length(), PREFIX.length() + 32);
        String secret = key.substring(PREFIX.length() + 33);
        if (!KEY_ID.matcher(keyId).matches() || !SECRET.matcher(secret).matches()) return Optional.empty();
        return Optional.of(new Parsed(keyId, secret));
    }
}
