package io.custody.saga.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.WalletId;
import io.custody.chain.ChainException;
import io.custody.mpc.client.MpcClientException;
import io.custody.mpc.client.SignatureScheme;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WalletKeyPlanTest {

    private static final WalletId WALLET = new WalletId(UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d"));

    @Test
    void an_evm_wallet_asks_for_threshold_ecdsa_and_gets_the_eip55_address_of_its_key() {
        WalletKeyPlan plan = new WalletKeyPlan(WALLET, ChainFamily.EVM, 1, 2);
        assertThat(plan.scheme()).isEqualTo(SignatureScheme.ECDSA_SECP256K1);
        // secp256k1's generator is the public key of private key 1, whose address is well known
        byte[] generator = HexFormat.of().parseHex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        assertThat(plan.address(generator)).isEqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
    }

    @Test
    void an_aptos_wallet_asks_for_frost_ed25519_and_gets_the_authentication_key_as_address() {
        WalletKeyPlan plan = new WalletKeyPlan(WALLET, ChainFamily.APTOS, 1, 2);
        assertThat(plan.scheme()).isEqualTo(SignatureScheme.FROST_ED25519);
        assertThat(plan.address(new byte[32])).matches("0x[0-9a-f]{64}");
    }

    @Test
    void each_attempt_has_its_own_key_id_and_idempotency_key_derived_from_the_wallet_id() {
        WalletKeyPlan first = new WalletKeyPlan(WALLET, ChainFamily.EVM, 1, 2);
        WalletKeyPlan again = new WalletKeyPlan(WALLET, ChainFamily.EVM, 1, 2);
        WalletKeyPlan retry = new WalletKeyPlan(WALLET, ChainFamily.EVM, 2, 2);
        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(again.request()).isEqualTo(first.request());
        assertThat(retry.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
        assertThat(retry.keyRef()).isNotEqualTo(first.keyRef());
        assertThat(first.keyRef().walletId()).isEqualTo(WALLET.toString());
    }

    @Test
    void a_point_off_the_curve_gets_no_address() {
        byte[] offCurve = HexFormat.of().parseHex("02" + "00".repeat(31) + "05");
        assertThatThrownBy(() -> new WalletKeyPlan(WALLET, ChainFamily.EVM, 1, 2).address(offCurve))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void a_filling_prime_pool_waits_a_timeout_asks_again_and_a_protocol_abort_fails() {
        assertThat(KeyGenerationOutcome.of(new MpcClientException.PrimePoolEmpty("node-1", "empty", null)))
                .isEqualTo(KeyGenerationOutcome.WAIT);
        assertThat(KeyGenerationOutcome.of(new MpcClientException.Timeout("slow", null)))
                .isEqualTo(KeyGenerationOutcome.ASK_AGAIN);
        assertThat(KeyGenerationOutcome.of(new MpcClientException.CulpritNamed("node-2", "PROOF", "bad proof", null)))
                .isEqualTo(KeyGenerationOutcome.FAIL);
        assertThat(KeyGenerationOutcome.of(new MpcClientException.InDoubt("maybe", null)))
                .isEqualTo(KeyGenerationOutcome.FAIL);
    }
}
