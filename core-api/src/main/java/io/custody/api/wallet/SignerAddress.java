package io.custody.api.wallet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may propose and approve withdrawals: the on-chain address of a key, in the syntax of its chain family (EVM
 * addresses are {@code 0x} and 40 hex digits, Aptos addresses {@code 0x} and 64 hex digits), or a member's passkey,
 * written {@code passkey:} followed by the unpadded base64url SHA-256 of the WebAuthn credential id (ADR identity-003).
 * A passkey signer fits any chain family: it approves decisions, it never signs a transaction.
 *
 * <p>Two addresses are equal when they name the same account, whatever their letter case. The original spelling is
 * kept in {@link #value()} because a mixed-case EVM address carries an EIP-55 checksum, which the command side checks
 * (it needs Keccak-256, which this module deliberately does not depend on). A passkey signer is case-sensitive
 * (base64url) and equal to the same passkey signer whatever family it was written with.
 */
public record SignerAddress(ChainFamily family, String value) {

    public static final String PASSKEY_PREFIX = "passkey:";
    private static final Pattern EVM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern APTOS = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern PASSKEY = Pattern.compile("passkey:[A-Za-z0-9_-]{43}");

    public SignerAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(value, "value");
        if (!PASSKEY.matcher(value).matches()) {
            Pattern syntax = family == ChainFamily.EVM ? EVM : APTOS;
            if (!syntax.matcher(value).matches()) {
                throw new IllegalArgumentException(value.startsWith(PASSKEY_PREFIX)
                        ? "passkey signer must be passkey: followed by 43 base64url characters"
                        : family == ChainFamily.EVM
                        ? "EVM address must be 0x followed by 40 hex digits"
                        : "Aptos address must be 0x followed by 64 hex digits");
            }
        }
    }

    /** The signer that a passkey with this WebAuthn credential id is, in a wallet of {@code family}. */
    public static SignerAddress passkey(ChainFamily family, byte[] credentialId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(credentialId);
            return new SignerAddress(family, PASSKEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** True for a member's passkey, false for a key's address. */
    public boolean byPasskey() {
        return value.startsWith(PASSKEY_PREFIX);
    }

    /** Whether this is the passkey signer of the credential {@code credentialId}. */
    public boolean isPasskeyOf(byte[] credentialId) {
        return byPasskey() && passkey(family, credentialId).value.equals(value);
    }

    /** The form used for equality and uniqueness: lower case for addresses, as written for passkeys. */
    public String canonical() {
        return byPasskey() ? value : value.toLowerCase(Locale.ROOT);
    }

    /** True when the hex digits mix upper and lower case, i.e. the EVM address claims an EIP-55 checksum. */
    public boolean hasMixedCase() {
        if (byPasskey()) return false;
        String hex = value.substring(2);
        return !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignerAddress other && canonical().equals(other.canonical())
                && (byPasskey() || family == other.family);
    }

    @Override
    public int hashCode() {
        return byPasskey() ? value.hashCode() : Objects.hash(family, canonical());
    }

    @Override
    public String toString() {
        return value;
    }
}
