package io.custody.command.withdrawal.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.Decision;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposalSigningPayload;
import io.custody.command.withdrawal.TestKeys.AptosKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class Ed25519SignaturesTest {

    private static final AptosKey ALICE = AptosKey.of(1);
    private static final AptosKey BOB = AptosKey.of(2);
    private static final ProposalSigningPayload PAYLOAD = new ProposalSigningPayload(
            new WalletId(UUID.fromString("11111111-2222-3333-4444-555555555555")),
            new ProposalId(UUID.fromString("66666666-7777-8888-9999-000000000000")), 3,
            new TokenId("0x1::aptos_coin::AptosCoin"), Amount.of(500),
            new DestinationAddress(ChainFamily.APTOS, "0x" + "cd".repeat(32)), Instant.parse("2026-11-22T00:00:00Z"));
    private static final byte[] MESSAGE = PAYLOAD.ed25519Message(Decision.APPROVE);

    @Test
    void derives_the_aptos_address_of_a_single_key_account_from_rfc8032_test_key_1() {
        // RFC 8032 section 7.1 TEST 1 public key; its Aptos address is SHA3-256(key || 0x00)
        byte[] key = HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        org.bouncycastle.crypto.digests.SHA3Digest sha3 = new org.bouncycastle.crypto.digests.SHA3Digest(256);
        sha3.update(key, 0, 32);
        sha3.update((byte) 0);
        byte[] expected = new byte[32];
        sha3.doFinal(expected, 0);
        assertThat(Ed25519Signatures.aptosAddress(key)).isEqualTo("0x" + HexFormat.of().formatHex(expected));
    }

    @Test
    void accepts_the_signers_signature_over_the_message() {
        assertThat(Ed25519Signatures.problem(ALICE.address(), ALICE.publicKey(), ALICE.rawSign(MESSAGE), MESSAGE))
                .isEmpty();
    }

    @Test
    void rejects_a_missing_public_key() {
        assertThat(Ed25519Signatures.problem(ALICE.address(), null, ALICE.rawSign(MESSAGE), MESSAGE))
                .contains("an Aptos signer must send its Ed25519 public key");
    }

    @Test
    void rejects_a_public_key_of_the_wrong_length() {
        assertThat(Ed25519Signatures.problem(ALICE.address(), Arrays.copyOf(ALICE.publicKey(), 31),
                ALICE.rawSign(MESSAGE), MESSAGE)).contains("the Ed25519 public key must be 32 bytes");
    }

    @Test
    void rejects_a_signature_of_the_wrong_length() {
        assertThat(Ed25519Signatures.problem(ALICE.address(), ALICE.publicKey(),
                Arrays.copyOf(ALICE.rawSign(MESSAGE), 63), MESSAGE)).contains("must be 64 bytes");
    }

    @Test
    void rejects_a_valid_signature_by_a_key_that_is_not_the_signers() {
        assertThat(Ed25519Signatures.problem(ALICE.address(), BOB.publicKey(), BOB.rawSign(MESSAGE), MESSAGE))
                .hasValueSatisfying(p -> assertThat(p).contains("does not belong to"));
    }

    @Test
    void rejects_a_signature_over_another_message() {
        byte[] other = PAYLOAD.ed25519Message(Decision.REJECT);
        assertThat(Ed25519Signatures.problem(ALICE.address(), ALICE.publicKey(), ALICE.rawSign(other), MESSAGE))
                .hasValueSatisfying(p -> assertThat(p).contains("not a valid Ed25519 signature"));
    }

    @Test
    void rejects_a_signature_with_one_bit_flipped() {
        byte[] sig = ALICE.rawSign(MESSAGE);
        sig[10] ^= 1;
        assertThat(Ed25519Signatures.problem(ALICE.address(), ALICE.publicKey(), sig, MESSAGE)).isPresent();
    }

    @Test
    void rejects_a_signature_whose_scalar_is_not_reduced() {
        // S + L is the classic malleated twin of a valid signature; RFC 8032 requires S < L
        byte[] sig = ALICE.rawSign(MESSAGE);
        java.math.BigInteger l = java.math.BigInteger.TWO.pow(252).add(
                new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] sLe = Arrays.copyOfRange(sig, 32, 64);
        byte[] sBe = reverse(sLe);
        byte[] twin = reverse(fixed32(new java.math.BigInteger(1, sBe).add(l)));
        System.arraycopy(twin, 0, sig, 32, 32);
        assertThat(Ed25519Signatures.problem(ALICE.address(), ALICE.publicKey(), sig, MESSAGE)).isPresent();
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[in.length - 1 - i];
        return out;
    }

    private static byte[] fixed32(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
