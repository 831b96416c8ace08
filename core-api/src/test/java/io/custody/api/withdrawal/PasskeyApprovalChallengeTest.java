package io.custody.api.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.WalletId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The approval challenge is exactly the documented layout (ADR identity-003) and binds every field it names. */
class PasskeyApprovalChallengeTest {

    static final ProposalSigningPayload PAYLOAD = new ProposalSigningPayload(
            new WalletId(UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d")),
            new ProposalId(UUID.fromString("00000000-0000-4000-8000-000000000001")), 3, new TokenId("USDC"),
            Amount.of(1_000), new DestinationAddress(ChainFamily.EVM, "0x" + "ab".repeat(20)),
            Instant.parse("2026-12-01T12:00:00Z"));

    static byte[] nonce(int fill) {
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) fill);
        return nonce;
    }

    @Test
    void the_challenge_is_sha256_of_domain_zero_byte_digest_and_nonce() throws Exception {
        byte[] text = ("Custody Withdrawal v1\ndecision: approve\nwallet: 7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d\n"
                + "proposal: 00000000-0000-4000-8000-000000000001\nnonce: 3\ntoken: USDC\namount: 1000\n"
                + "to: 0x" + "ab".repeat(20) + "\nexpiresAt: " + Instant.parse("2026-12-01T12:00:00Z").getEpochSecond())
                .getBytes(StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write("Custody passkey approval v1".getBytes(StandardCharsets.US_ASCII));
        input.write(0);
        input.write(digest);
        input.write(nonce(7));

        assertThat(PasskeyApprovalChallenge.digest(PAYLOAD, Decision.APPROVE)).isEqualTo(digest);
        assertThat(PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.APPROVE, nonce(7)))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(input.toByteArray()));
    }

    @Test
    void the_decision_the_amount_and_the_nonce_each_change_the_challenge() {
        byte[] approve = PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.APPROVE, nonce(1));
        assertThat(PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.REJECT, nonce(1))).isNotEqualTo(approve);
        assertThat(PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.APPROVE, nonce(2))).isNotEqualTo(approve);
        ProposalSigningPayload more = new ProposalSigningPayload(PAYLOAD.walletId(), PAYLOAD.proposalId(),
                PAYLOAD.nonce(), PAYLOAD.token(), Amount.of(1_001), PAYLOAD.to(), PAYLOAD.expiresAt());
        assertThat(PasskeyApprovalChallenge.challenge(more, Decision.APPROVE, nonce(1))).isNotEqualTo(approve);
    }

    @Test
    void a_server_nonce_must_be_32_bytes() {
        assertThatThrownBy(() -> PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.APPROVE, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PasskeyApprovalChallenge.challenge(PAYLOAD, Decision.APPROVE, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
