package io.custody.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A member's passkey as a wallet signer (ADR identity-003). */
class PasskeySignerTest {

    static final byte[] CREDENTIAL = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @Test
    void a_passkey_signer_is_the_base64url_sha256_of_its_credential_id() throws Exception {
        SignerAddress signer = SignerAddress.passkey(ChainFamily.EVM, CREDENTIAL);
        String expected = "passkey:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(CREDENTIAL));
        assertThat(signer.value()).isEqualTo(expected).hasSize(51);
        assertThat(signer.byPasskey()).isTrue();
        assertThat(signer.isPasskeyOf(CREDENTIAL)).isTrue();
        assertThat(signer.isPasskeyOf(new byte[16])).isFalse();
    }

    @Test
    void the_same_passkey_is_the_same_signer_in_any_family_and_letter_case_matters() {
        SignerAddress evm = SignerAddress.passkey(ChainFamily.EVM, CREDENTIAL);
        SignerAddress aptos = SignerAddress.passkey(ChainFamily.APTOS, CREDENTIAL);
        assertThat(evm).isEqualTo(aptos).hasSameHashCodeAs(aptos);
        String value = evm.value();
        int letter = value.chars().skip(8).map(c -> Character.isLetter(c) ? 1 : 0).sum();
        assertThat(letter).isPositive();
        String swapped = "passkey:" + swapCase(value.substring(8));
        assertThat(new SignerAddress(ChainFamily.EVM, swapped)).isNotEqualTo(evm);
        assertThat(evm.hasMixedCase()).isFalse();
    }

    @Test
    void a_key_address_is_no_passkey_and_a_malformed_passkey_is_refused() {
        SignerAddress key = new SignerAddress(ChainFamily.EVM, "0x" + "ab".repeat(20));
        assertThat(key.byPasskey()).isFalse();
        assertThat(key.isPasskeyOf(CREDENTIAL)).isFalse();
        assertThatThrownBy(() -> new SignerAddress(ChainFamily.EVM, "passkey:short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passkey signer");
        assertThatThrownBy(() -> new SignerAddress(ChainFamily.EVM, "passkey:" + "+".repeat(43)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String swapCase(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
