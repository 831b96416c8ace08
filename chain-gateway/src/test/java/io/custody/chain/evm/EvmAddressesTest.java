package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainException;
import io.custody.chain.SignerPublicKey;
import java.util.HexFormat;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.Test;

class EvmAddressesTest {

    // Hardhat's account #0: its key and address are printed by every Hardhat node and fixed by its default mnemonic.
    static final String HARDHAT_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String HARDHAT_ADDRESS_0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    @Test
    void derives_the_checksummed_address_from_an_uncompressed_key() {
        SignerPublicKey key = LocalTestSigner.fromPrivateKey(HARDHAT_KEY_0).publicKey();
        assertThat(EvmAddresses.fromPublicKey(key).value()).isEqualTo(HARDHAT_ADDRESS_0);
    }

    @Test
    void derives_the_same_address_from_the_compressed_form() {
        byte[] uncompressed = LocalTestSigner.fromPrivateKey(HARDHAT_KEY_0).publicKey().encoded();
        byte[] compressed = CustomNamedCurves.getByName("secp256k1").getCurve().decodePoint(uncompressed).getEncoded(true);
        assertThat(EvmAddresses.fromPublicKey(new SignerPublicKey.Secp256k1(compressed)).value()).isEqualTo(HARDHAT_ADDRESS_0);
    }

    @Test
    void rejects_a_point_that_is_not_on_the_curve() {
        byte[] bad = LocalTestSigner.fromPrivateKey(HARDHAT_KEY_0).publicKey().encoded();
        bad[64] ^= 1; // y no longer matches x
        assertThatThrownBy(() -> EvmAddresses.fromPublicKey(new SignerPublicKey.Secp256k1(bad)))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.INVALID_PUBLIC_KEY));
    }

    @Test
    void rejects_a_compressed_key_with_an_unknown_prefix_or_x_off_the_curve() {
        byte[] badPrefix = new byte[33];
        badPrefix[0] = 0x05;
        badPrefix[32] = 1;
        assertThatThrownBy(() -> EvmAddresses.fromPublicKey(new SignerPublicKey.Secp256k1(badPrefix)))
                .isInstanceOf(ChainException.class);
        // x = 5 has no square root of x^3 + 7 modulo p, so there is no point with it.
        byte[] noSuchX = HexFormat.of().parseHex("020000000000000000000000000000000000000000000000000000000000000005");
        assertThatThrownBy(() -> EvmAddresses.fromPublicKey(new SignerPublicKey.Secp256k1(noSuchX)))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void rejects_keys_of_the_wrong_length_or_scheme() {
        assertThatThrownBy(() -> new SignerPublicKey.Secp256k1(new byte[64])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvmAddresses.fromPublicKey(new SignerPublicKey.Ed25519(new byte[32])))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void parse_accepts_lower_case_and_rejects_a_bad_checksum() {
        assertThat(EvmAddresses.parse(HARDHAT_ADDRESS_0.toLowerCase()).value()).isEqualTo(HARDHAT_ADDRESS_0);
        String flipped = HARDHAT_ADDRESS_0.replace("f39Fd", "f39fD");
        assertThatThrownBy(() -> EvmAddresses.parse(flipped)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvmAddresses.parse("0x1234")).isInstanceOf(IllegalArgumentException.class);
    }
}
