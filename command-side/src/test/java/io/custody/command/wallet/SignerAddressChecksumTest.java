package io.custody.command.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.SignerAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignerAddressChecksumTest {

    /** The test vectors published in EIP-55. */
    @ParameterizedTest
    @ValueSource(strings = {
            "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void accepts_the_eip55_test_vectors(String address) {
        assertThat(SignerAddressChecksum.violation(new SignerAddress(ChainFamily.EVM, address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "0xFb6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6Fb"})
    void rejects_a_mixed_case_address_whose_checksum_is_wrong(String address) {
        assertThat(SignerAddressChecksum.violation(new SignerAddress(ChainFamily.EVM, address)))
                .contains("EIP-55 checksum does not match (mistyped address?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "fb6916095ca1df60bb79ce92ce3ea74c37c5d359"})
    void spells_lower_case_addresses_as_eip55(String hex) {
        String spelled = SignerAddressChecksum.eip55(hex);
        assertThat(spelled).isNotEqualTo(hex).isEqualToIgnoringCase(hex);
        assertThat(SignerAddressChecksum.violation(new SignerAddress(ChainFamily.EVM, "0x" + spelled))).isEmpty();
    }
}
