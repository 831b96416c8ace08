package io.custody.command.wallet;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * EIP-55: a mixed-case EVM address encodes a checksum in the case of its letters, so a mistyped address is caught
 * before anyone sends money to it. All-lower and all-upper addresses carry no checksum and are accepted as they are.
 */
final class SignerAddressChecksum {

    private SignerAddressChecksum() {
    }

    static Optional<String> violation(SignerAddress address) {
        if (address.family() != ChainFamily.EVM || !address.hasMixedCase()) {
            return Optional.empty();
        }
        String expected = eip55(address.value().substring(2));
        return expected.equals(address.value().substring(2))
                ? Optional.empty()
                : Optional.of("EIP-55 checksum does not match (mistyped address?)");
    }

    /** The EIP-55 spelling of 40 hex digits. */
    static String eip55(String hex40) {
        String lower = hex40.toLowerCase(Locale.ROOT);
        byte[] hash = new Keccak.Digest256().digest(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }
}
