package io.custody.api.money;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which token an amount is in: a symbol such as {@code USDC} or a chain-specific type tag such as
 * {@code 0x1::aptos_coin::AptosCoin}. The character set is closed so that the value can be placed into signed payloads
 * (EIP-712 JSON, Ed25519 message text) without any escaping rules.
 */
public record TokenId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

    public TokenId {
        Objects.requireNonNull(value, "value");
        if (!SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("token must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
