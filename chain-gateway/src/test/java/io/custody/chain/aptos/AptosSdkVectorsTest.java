package io.custody.chain.aptos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainException;
import io.custody.chain.SignerPublicKey;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Byte-for-byte checks against test vectors published with the Aptos SDKs: the Python SDK's transaction corpus
 * (coin::transfer signed by Ed25519), the TypeScript SDK's unit-test helpers (Ed25519 and MultiEd25519
 * authentication keys, MultiEd25519 key and signature encodings), and the domain-separation prefixes.
 */
class AptosSdkVectorsTest {

    static final HexFormat HEX = HexFormat.of();

    // Python SDK, transactions.py: test_entry_function_with_corpus.
    static final String SENDER_SEED = "9bf49a6a0755f953811fce125f2683d50429c3bb49e074147e0089a52eae155f";
    static final String RECEIVER_SEED = "0564f879d27ae3c02ce82834acfa8c793a629f2ca0de6919610be82f411326be";
    static final String CORPUS_RAW = "7deeccb1080854f499ec8b4c1b213b82c5e34b925cf6875fec02d4b77adbd2d60b0000000000000002000000000000000000000000000000000000000000000000000000000000000104636f696e087472616e73666572010700000000000000000000000000000000000000000000000000000000000000010a6170746f735f636f696e094170746f73436f696e0002202d133ddd281bb6205558357cc6ac75661817e9aaeac3afebc32842759cbf7fa9088813000000000000d0070000000000000100000000000000d20296490000000004";
    static final String CORPUS_SIGNED = CORPUS_RAW + "0020b9c6ee1630ef3e711144a648db06bbb2284f7274cfbee53ffcee503cc1a4920040f25b74ec60a38a1ed780fd2bef6ddb6eb4356e3ab39276c9176cdf0fcae2ab37d79b626abb43d926e91595b66503a4a3c90acbae36a28d405e308f3537af720b";

    // TypeScript SDK, tests/unit/helper.ts.
    static final String TS_ED25519_PUBLIC = "de19e5d1880cac87d57484ce9ed2e84cf0f9599f12e7cc3a52e4e7657a763f2c";
    static final String TS_ED25519_AUTH_KEY = "0x978c213990c4833df71548df7ce49d54c759d6b6d932de22b24d56060b7af2aa";
    static final String TS_ED25519_SIGNED_7777 = "c5de9e40ac00b371cd83b1c197fa5b665b7449b33cd3cdd305bb78222e06a671a49625ab9aea8a039d4bb70e275768084d62b094bc1b31964f2357b7c1af7e0d";
    static final List<String> TS_MULTI_KEYS = List.of(
            "b9c6ee1630ef3e711144a648db06bbb2284f7274cfbee53ffcee503cc1a49200",
            "aef3f4a4b8eca1dfc343361bf8e436bd42de9259c04b8314eb8e2054dd6e82ab",
            "8a5762e21ac1cdb3870442c77b4c3af58c7cedb8779d0270e6d4f1e2f7367d74");
    static final String TS_MULTI_KEY_BYTES = String.join("", TS_MULTI_KEYS) + "02";
    static final String TS_MULTI_AUTH_KEY = "0xa81cfac3df59920593ff417b45fc347ead3d88f8e25112c0488d34d7c9eb20af";
    static final List<String> TS_MULTI_SIGS = List.of(
            "e6f3ba05469b2388492397840183945d4291f0dd3989150de3248e06b4cefe0ddf6180a80a0f04c045ee8f362870cb46918478cd9b56c66076f94f3efd5a8805",
            "2ae0818b7e51b853f1e43dc4c89a1f5fabc9cb256030a908f9872f3eaeb048fb1e2b4ffd5a9d5d1caedd0c8b7d6155ed8071e913536fa5c5a64327b6f2d9a102");

    static RawTransaction corpusTransaction() {
        AptosAddress sender = AuthenticationKeys.ed25519(LocalEd25519Signer.fromSeedHex(SENDER_SEED).publicKey());
        AptosAddress receiver = AuthenticationKeys.ed25519(LocalEd25519Signer.fromSeedHex(RECEIVER_SEED).publicKey());
        return new RawTransaction(sender, 11,
                EntryFunction.coinTransfer(TypeTag.Struct.parse("0x1::aptos_coin::AptosCoin"), receiver, 5000),
                2000, 1, 1234567890L, 4);
    }

    @Test
    void domain_prefixes_match_the_published_values() {
        assertThat(HEX.formatHex(RawTransaction.SIGNING_PREFIX))
                .isEqualTo("b5e97db07fa0bd0e5598aa3643a9bc6f6693bddc1a9fec9e674a461eaa00b193");
        assertThat(HEX.formatHex(SignedAptosTransaction.TRANSACTION_PREFIX))
                .isEqualTo("fa210a9417ef3e7fa45bfa1d17a8dbd4d883711910a550d265fee189e9266dd4");
    }

    @Test
    void raw_coin_transfer_matches_the_python_sdk_corpus() {
        assertThat(HEX.formatHex(corpusTransaction().bcs())).isEqualTo(CORPUS_RAW);
    }

    @Test
    void signed_transaction_with_ed25519_authenticator_matches_the_python_sdk_corpus() {
        RawTransaction raw = corpusTransaction();
        LocalEd25519Signer sender = LocalEd25519Signer.fromSeedHex(SENDER_SEED);
        var auth = new TransactionAuthenticator.Ed25519(sender.publicKey(), sender.sign(raw.signingMessage()).bytes());
        assertThat(HEX.formatHex(new SignedAptosTransaction(raw.bcs(), auth).bcs())).isEqualTo(CORPUS_SIGNED);
    }

    @Test
    void the_corpus_signature_verifies_over_our_signing_message_and_fails_when_one_byte_changes() {
        RawTransaction raw = corpusTransaction();
        byte[] sig = HEX.parseHex(CORPUS_SIGNED.substring(CORPUS_SIGNED.length() - 128));
        SignerPublicKey.Ed25519 key = new SignerPublicKey.Ed25519(HEX.parseHex(TS_MULTI_KEYS.get(0)));
        new TransactionAuthenticator.Ed25519(key, sig).verify(raw.signingMessage());

        byte[] tampered = raw.signingMessage();
        tampered[tampered.length - 1] ^= 1; // chain id 4 -> 5
        assertThatThrownBy(() -> new TransactionAuthenticator.Ed25519(key, sig).verify(tampered))
                .isInstanceOf(ChainException.class);
        byte[] badSig = sig.clone();
        badSig[10] ^= 1;
        assertThatThrownBy(() -> new TransactionAuthenticator.Ed25519(key, badSig).verify(raw.signingMessage()))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void ed25519_authentication_key_matches_the_ts_sdk_and_its_signature_vector_verifies() {
        SignerPublicKey.Ed25519 key = new SignerPublicKey.Ed25519(HEX.parseHex(TS_ED25519_PUBLIC));
        assertThat(AuthenticationKeys.ed25519(key).toString()).isEqualTo(TS_ED25519_AUTH_KEY);
        assertThat(Ed25519Verifier.verify(key, new byte[] {0x77, 0x77}, HEX.parseHex(TS_ED25519_SIGNED_7777))).isTrue();
        assertThat(Ed25519Verifier.verify(key, new byte[] {0x77, 0x78}, HEX.parseHex(TS_ED25519_SIGNED_7777))).isFalse();
    }

    @Test
    void multi_ed25519_key_bytes_and_authentication_key_match_the_ts_sdk() {
        MultiEd25519PublicKey multi = tsMultiKey();
        assertThat(HEX.formatHex(multi.bytes())).isEqualTo(TS_MULTI_KEY_BYTES);
        assertThat(AuthenticationKeys.multiEd25519(multi).toString()).isEqualTo(TS_MULTI_AUTH_KEY);
    }

    @Test
    void multi_ed25519_signature_is_signatures_in_key_order_then_a_big_endian_bitmap() {
        TreeMap<Integer, byte[]> sigs = new TreeMap<>();
        sigs.put(1, HEX.parseHex(TS_MULTI_SIGS.get(1)));
        sigs.put(0, HEX.parseHex(TS_MULTI_SIGS.get(0)));
        var auth = new TransactionAuthenticator.MultiEd25519(tsMultiKey(), sigs);
        assertThat(HEX.formatHex(auth.bitmap())).isEqualTo("c0000000");
        assertThat(HEX.formatHex(auth.signatureBytes())).isEqualTo(TS_MULTI_SIGS.get(0) + TS_MULTI_SIGS.get(1) + "c0000000");
    }

    @Test
    void multi_ed25519_rejects_too_few_signatures_a_forged_one_and_an_index_without_a_key() {
        LocalEd25519Signer a = LocalEd25519Signer.random(), b = LocalEd25519Signer.random(), c = LocalEd25519Signer.random();
        MultiEd25519PublicKey key = new MultiEd25519PublicKey(List.of(a.publicKey(), b.publicKey(), c.publicKey()), 2);
        byte[] msg = corpusTransaction().signingMessage();

        TreeMap<Integer, byte[]> one = new TreeMap<>();
        one.put(0, a.sign(msg).bytes());
        assertThatThrownBy(() -> new TransactionAuthenticator.MultiEd25519(key, one).verify(msg)).isInstanceOf(ChainException.class);

        TreeMap<Integer, byte[]> forged = new TreeMap<>(one);
        forged.put(2, LocalEd25519Signer.random().sign(msg).bytes());
        assertThatThrownBy(() -> new TransactionAuthenticator.MultiEd25519(key, forged).verify(msg)).isInstanceOf(ChainException.class);

        TreeMap<Integer, byte[]> swapped = new TreeMap<>();
        swapped.put(0, b.sign(msg).bytes()); // b's signature under a's index
        swapped.put(2, c.sign(msg).bytes());
        assertThatThrownBy(() -> new TransactionAuthenticator.MultiEd25519(key, swapped).verify(msg)).isInstanceOf(ChainException.class);

        TreeMap<Integer, byte[]> outOfRange = new TreeMap<>(one);
        outOfRange.put(3, c.sign(msg).bytes());
        assertThatThrownBy(() -> new TransactionAuthenticator.MultiEd25519(key, outOfRange)).isInstanceOf(ChainException.class);

        TreeMap<Integer, byte[]> good = new TreeMap<>(one);
        good.put(2, c.sign(msg).bytes());
        new TransactionAuthenticator.MultiEd25519(key, good).verify(msg);
    }

    @Test
    void bcs_integers_and_lengths_are_little_endian_and_uleb128() {
        assertThat(HEX.formatHex(new Bcs().uleb128(0).uleb128(127).uleb128(128).uleb128(16384).toByteArray()))
                .isEqualTo("007f8001808001");
        assertThat(HEX.formatHex(new Bcs().u64(new BigInteger("18446744073709551615")).toByteArray())).isEqualTo("ffffffffffffffff");
        assertThat(HEX.formatHex(new Bcs().u64(1234567890L).toByteArray())).isEqualTo("d202964900000000");
        assertThat(HEX.formatHex(new Bcs().u128(BigInteger.ONE.shiftLeft(64)).toByteArray()))
                .isEqualTo("00000000000000000100000000000000");
        assertThatThrownBy(() -> new Bcs().u64(BigInteger.ONE.shiftLeft(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bcs().u64(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bcs().u8(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void short_addresses_are_accepted_only_for_special_accounts() {
        assertThat(AptosAddress.parse("0x1").toString()).isEqualTo("0x" + "0".repeat(63) + "1");
        assertThatThrownBy(() -> AptosAddress.parse("0x12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AptosAddress.parse("1" + "0".repeat(63))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void apt_transfer_uses_the_aptos_account_module_without_type_arguments() {
        AptosAddress to = AptosAddress.parse("0x" + "ab".repeat(32));
        Bcs b = new Bcs();
        EntryFunction.aptTransfer(to, 5000).serializeAsPayload(b);
        // variant 2, module 0x1::aptos_account, function "transfer", 0 type args, 2 args (address, u64).
        assertThat(HEX.formatHex(b.toByteArray())).isEqualTo("02" + "00".repeat(31) + "01"
                + "0d" + HEX.formatHex("aptos_account".getBytes()) + "08" + HEX.formatHex("transfer".getBytes())
                + "00" + "02" + "20" + "ab".repeat(32) + "08" + "8813000000000000");
    }

    static MultiEd25519PublicKey tsMultiKey() {
        return new MultiEd25519PublicKey(TS_MULTI_KEYS.stream()
                .map(k -> new SignerPublicKey.Ed25519(HEX.parseHex(k))).toList(), 2);
    }
}
