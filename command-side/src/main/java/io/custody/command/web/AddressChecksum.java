package io.custody.command.web;

import java.util.Locale;
import org.web3j.crypto.Keys;

/**
 * EIP-55 at the edge, for every EVM address a request carries (signers, destinations, whitelist entries, merchant
 * wallets): a mixed-case address encodes a checksum in the case of its letters, so a mistyped address is refused
 * before anyone can send money to it. All-lower and all-upper addresses carry no checksum and are accepted.
 */
final class AddressChecksum {

    private AddressChecksum() {
    }

    /** True when {@code address} (0x and 40 hex digits) claims a checksum that does not match. */
    static boolean mismatches(String address) {
        String hex = address.substring(2);
        boolean mixedCase = !hex.equals(hex.toLowerCase(Locale.ROOT)) && !hex.equals(hex.toUpperCase(Locale.ROOT));
        return mixedCase && !Keys.toChecksumAddress(address).substring(2).equals(hex);
    }
}
