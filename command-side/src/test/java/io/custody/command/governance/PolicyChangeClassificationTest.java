package io.custody.command.governance;

import static io.custody.command.governance.PolicyChangeClassification.Effect.LOOSENING;
import static io.custody.command.governance.PolicyChangeClassification.Effect.TIGHTENING;
import static io.custody.command.governance.PolicyChangeClassification.classify;
import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.governance.PolicyChange;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.ContractAllowed;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.TokenLimits;
import io.custody.api.wallet.WalletId;
import io.custody.api.wallet.WalletStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each kind of policy change, once tightening and once loosening, judged against one wallet's policy. */
class PolicyChangeClassificationTest {

    static final SignerAddress ALICE = new SignerAddress(ChainFamily.EVM, "0x" + "a1".repeat(20));
    static final SignerAddress BOB = new SignerAddress(ChainFamily.EVM, "0x" + "b2".repeat(20));
    static final SignerAddress MALLORY = new SignerAddress(ChainFamily.EVM, "0x" + "66".repeat(20));
    static final TokenId USDC = new TokenId("USDC");
    static final TokenId ETH = new TokenId("ETH");
    static final DestinationAddress LISTED = new DestinationAddress(ChainFamily.EVM, "0x" + "11".repeat(20));
    static final DestinationAddress OTHER = new DestinationAddress(ChainFamily.EVM, "0x" + "22".repeat(20));
    static final DestinationAddress ESCROW = new DestinationAddress(ChainFamily.EVM, "0x" + "cc".repeat(20));
    static final WalletId WALLET = new WalletId(UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d"));

    /** 2-of-2, active, 24 h delay, USDC limits 100/500/2000, one whitelisted address, one contract with two functions. */
    static PolicySnapshot wallet(WalletStatus status) {
        return new PolicySnapshot(List.of(ALICE, BOB), 2, status, 24,
                Map.of(USDC, new TokenLimits(Amount.of(100), Amount.of(500), Amount.of(2_000))), Set.of(LISTED),
                Map.of(ESCROW.canonical(), new ContractAllowed(WALLET, ESCROW, "Escrow",
                        List.of("confirmDelivery(address,bytes32)", "refund(bytes32)"), 2, Instant.EPOCH)));
    }

    static final PolicySnapshot ACTIVE = wallet(WalletStatus.ACTIVE);

    @Test
    void adding_a_new_signer_loosens_and_adding_an_existing_one_changes_nothing() {
        assertThat(classify(PolicyChange.addSigner(MALLORY), ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.addSigner(ALICE), ACTIVE)).isEqualTo(TIGHTENING);
    }

    @Test
    void removing_a_signer_always_changes_control() {
        assertThat(classify(PolicyChange.removeSigner(BOB), ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.removeSigner(MALLORY), ACTIVE)).isEqualTo(LOOSENING);
    }

    @Test
    void a_threshold_change_either_way_changes_control() {
        assertThat(classify(PolicyChange.changeThreshold(3), ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.changeThreshold(1), ACTIVE)).isEqualTo(LOOSENING);
    }

    @Test
    void lower_or_new_limits_tighten_and_raised_or_removed_limits_loosen() {
        assertThat(classify(PolicyChange.setLimits(USDC, new TokenLimits(Amount.of(50), Amount.of(500),
                Amount.of(1_000))), ACTIVE)).isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.setLimits(ETH, new TokenLimits(Amount.of(1), null, null)), ACTIVE))
                .as("a first limit on a token without one").isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.setLimits(USDC, new TokenLimits(Amount.of(50), Amount.of(501),
                Amount.of(1_000))), ACTIVE)).as("one limit raised").isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.setLimits(USDC, new TokenLimits(Amount.of(100), null, Amount.of(2_000))),
                ACTIVE)).as("one limit removed").isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.setLimits(USDC, TokenLimits.NONE), ACTIVE)).isEqualTo(LOOSENING);
    }

    @Test
    void adding_a_whitelist_address_loosens_and_removing_one_tightens() {
        assertThat(classify(PolicyChange.addWhitelistAddress(OTHER), ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.removeWhitelistAddress(LISTED), ACTIVE)).isEqualTo(TIGHTENING);
    }

    @Test
    void a_longer_or_equal_delay_tightens_and_a_shorter_one_loosens() {
        assertThat(classify(PolicyChange.setWithdrawalDelay(48), ACTIVE)).isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.setWithdrawalDelay(24), ACTIVE)).isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.setWithdrawalDelay(23), ACTIVE)).isEqualTo(LOOSENING);
    }

    @Test
    void suspending_tightens_and_reactivating_a_suspended_wallet_loosens() {
        assertThat(classify(PolicyChange.suspend("incident"), ACTIVE)).isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.reactivate(null), wallet(WalletStatus.SUSPENDED))).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.reactivate(null), ACTIVE)).as("already active").isEqualTo(TIGHTENING);
    }

    @Test
    void allowing_a_new_contract_or_more_functions_loosens_and_fewer_functions_or_more_approvals_tighten() {
        assertThat(classify(PolicyChange.allowContract(OTHER, "New", List.of("refund(bytes32)"), 2), ACTIVE))
                .isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.allowContract(ESCROW, "Escrow",
                List.of("refund(bytes32)", "release(bytes32)"), 2), ACTIVE)).as("a function more").isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.allowContract(ESCROW, "Escrow", List.of("refund(bytes32)"), 1), ACTIVE))
                .as("fewer approvals").isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.allowContract(ESCROW, "Escrow", List.of("refund(bytes32)"), 3), ACTIVE))
                .as("a subset of the functions, more approvals").isEqualTo(TIGHTENING);
    }

    @Test
    void disallowing_a_contract_tightens() {
        assertThat(classify(PolicyChange.disallowContract(ESCROW), ACTIVE)).isEqualTo(TIGHTENING);
        assertThat(classify(PolicyChange.disallowContract(OTHER), ACTIVE)).isEqualTo(TIGHTENING);
    }

    @Test
    void a_change_without_its_values_counts_as_loosening() {
        assertThat(classify(null, ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.setLimits(null, TokenLimits.NONE), ACTIVE)).isEqualTo(LOOSENING);
        assertThat(classify(PolicyChange.allowContract(ESCROW, "Escrow", List.of("not a function"), 2), ACTIVE))
                .isEqualTo(LOOSENING);
        assertThat(classify(new PolicyChange(io.custody.api.governance.PolicyChangeKind.SET_WITHDRAWAL_DELAY, null,
                null, null, null, null, null, null, null, null, null), ACTIVE)).isEqualTo(LOOSENING);
    }
}
