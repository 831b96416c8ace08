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
import io.custody.api.withdrawal.SignerSignature;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;

class Eip712SignaturesTest {

    private static final EvmKey ALICE = EvmKey.of(1);
    private static final EvmKey BOB = EvmKey.of(2);
    private static final ProposalSigningPayload PAYLOAD = new ProposalSigningPayload(
            new WalletId(UUID.fromString("11111111-2222-3333-4444-555555555555")),
            new ProposalId(UUID.fromString("66666666-7777-8888-9999-000000000000")), 7, new TokenId("USDC"),
            Amount.of(1_000_000), new DestinationAddress(ChainFamily.EVM, "0x" + "ab".repeat(20)),
            Instant.parse("2026-11-22T00:00:00Z"));

    private static byte[] bytes(SignerSignature signature) {
        return HexFormat.of().parseHex(signature.signature().substring(2));
    }

    @Test
    void computes_the_digest_of_the_eip712_specification_example() {
        // the "Mail" example of EIP-712, whose digest the specification publishes
        String mail = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
                "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
                "primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,
                "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
                "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}""";
        assertThat(HexFormat.of().formatHex(Eip712Signatures.digest(mail)))
                .isEqualTo("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void accepts_the_signers_signature_over_the_typed_data() {
        assertThat(Eip712Signatures.problem(ALICE.address(), bytes(ALICE.sign(PAYLOAD, Decision.APPROVE)),
                PAYLOAD.eip712Json(Decision.APPROVE))).isEmpty();
    }

    @Test
    void accepts_a_recovery_id_of_zero_or_one_as_well_as_27_or_28() {
        byte[] sig = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        sig[64] = (byte) (sig[64] - 27);
        assertThat(Eip712Signatures.problem(ALICE.address(), sig, PAYLOAD.eip712Json(Decision.APPROVE))).isEmpty();
    }

    @Test
    void rejects_another_signers_signature() {
        assertThat(Eip712Signatures.problem(ALICE.address(), bytes(BOB.sign(PAYLOAD, Decision.APPROVE)),
                PAYLOAD.eip712Json(Decision.APPROVE))).hasValueSatisfying(p -> assertThat(p).contains("not made by"));
    }

    @Test
    void rejects_an_approval_signature_presented_as_a_rejection() {
        assertThat(Eip712Signatures.problem(ALICE.address(), bytes(ALICE.sign(PAYLOAD, Decision.APPROVE)),
                PAYLOAD.eip712Json(Decision.REJECT))).isPresent();
    }

    @Test
    void rejects_a_signature_over_another_amount() {
        ProposalSigningPayload other = new ProposalSigningPayload(PAYLOAD.walletId(), PAYLOAD.proposalId(),
                PAYLOAD.nonce(), PAYLOAD.token(), Amount.of(1_000_001), PAYLOAD.to(), PAYLOAD.expiresAt());
        assertThat(Eip712Signatures.problem(ALICE.address(), bytes(ALICE.sign(other, Decision.APPROVE)),
                PAYLOAD.eip712Json(Decision.APPROVE))).isPresent();
    }

    @Test
    void rejects_a_signature_of_the_wrong_length() {
        byte[] sig = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        assertThat(Eip712Signatures.problem(ALICE.address(), java.util.Arrays.copyOf(sig, 64),
                PAYLOAD.eip712Json(Decision.APPROVE))).contains("must be 65 bytes (r, s, v)");
    }

    @Test
    void rejects_an_invalid_recovery_id() {
        byte[] sig = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        sig[64] = 29;
        assertThat(Eip712Signatures.problem(ALICE.address(), sig, PAYLOAD.eip712Json(Decision.APPROVE)))
                .contains("has an invalid recovery id");
    }

    @Test
    void rejects_r_equal_to_zero_and_s_at_the_curve_order() {
        byte[] zeroR = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
        assertThat(Eip712Signatures.problem(ALICE.address(), zeroR, PAYLOAD.eip712Json(Decision.APPROVE)))
                .contains("has r or s outside the curve order");
        byte[] bigS = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        System.arraycopy(fixed32(Sign.CURVE_PARAMS.getN()), 0, bigS, 32, 32);
        assertThat(Eip712Signatures.problem(ALICE.address(), bigS, PAYLOAD.eip712Json(Decision.APPROVE)))
                .contains("has r or s outside the curve order");
    }

    @Test
    void rejects_the_malleable_high_s_twin_of_a_valid_signature() {
        byte[] sig = bytes(ALICE.sign(PAYLOAD, Decision.APPROVE));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        System.arraycopy(fixed32(Sign.CURVE_PARAMS.getN().subtract(s)), 0, sig, 32, 32);
        sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
        assertThat(Eip712Signatures.problem(ALICE.address(), sig, PAYLOAD.eip712Json(Decision.APPROVE)))
                .contains("has a high s value (EIP-2); normalise it");
    }

    @Test
    void rejects_a_public_key_sent_along_by_an_evm_signer() {
        SignerSignature sig = ALICE.sign(PAYLOAD, Decision.APPROVE);
        assertThat(ProposalSignatures.problem(ALICE.address(), new SignerSignature(sig.signature(), "0x" + "00".repeat(32)),
                PAYLOAD, Decision.APPROVE)).isPresent();
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
