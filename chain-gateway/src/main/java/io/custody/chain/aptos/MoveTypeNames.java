package io.custody.chain.aptos;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spelling per Move type, so that {@code 0x1::aptos_coin::AptosCoin} from a caller, from an event's
 * {@code coin_type} and from a {@code CoinStore<...>} resource name compare equal whether the node wrote the address
 * short (AIP-40 special addresses, stripped leading zeros) or long.
 */
final class MoveTypeNames {

    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-fA-F]{1,64})(?=::)");

    private MoveTypeNames() {
    }

    static String canonical(String moveType) {
        Matcher m = ADDRESS.matcher(moveType.replace(" ", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String hex = m.group(1).toLowerCase(Locale.ROOT);
            m.appendReplacement(out, "0x" + "0".repeat(64 - hex.length()) + hex);
        }
        m.appendTail(out);
        return out.toString();
    }
}
