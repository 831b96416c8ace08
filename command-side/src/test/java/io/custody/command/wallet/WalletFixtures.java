package io.custody.command.wallet;

import io.custody.api.deposit.DepositCredited;
import io.custody.api.withdrawal.WithdrawalReserved;
import io.custody.api.deposit.DepositId;
import io.custody.api.money.Amount;
import io.custody.api.money.TokenId;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.CustodyWalletActivated;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.api.wallet.DestinationAddress;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.wallet.Threshold;
import io.custody.api.wallet.WalletId;
import io.custody.api.withdrawal.ProposalId;
import io.custody.api.withdrawal.ProposeWithdrawal;
import io.custody.api.withdrawal.SignerSignature;
import io.custody.api.withdrawal.WithdrawalProposed;
import io.custody.command.withdrawal.TestKeys.AptosKey;
import io.custody.command.withdrawal.TestKeys.EvmKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;

/** Shared givens of the wallet's fixture tests: a 2-of-3 EVM wallet with real test keys, funded with USDC. */
final class WalletFixtures {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final WalletId ID = new WalletId(UUID.fromString("7d0c6a2e-4a4e-4bd6-9c55-2a0e4b1b2c3d"));
    static final OrganisationId ACME = new OrganisationId("acme-trading");
    static final EvmKey ALICE = EvmKey.of(1);
    static final EvmKey BOB = EvmKey.of(2);
    static final EvmKey CAROL = EvmKey.of(3);
    static final EvmKey MALLORY = EvmKey.of(666);
    static final AptosKey APTOS_ALICE = AptosKey.of(1);
    static final AptosKey APTOS_BOB = AptosKey.of(2);
    static final TokenId USDC = new TokenId("USDC");
    static final DestinationAddress PAYEE = new DestinationAddress(ChainFamily.EVM, "0x" + "ab".repeat(20));
    static final DestinationAddress OTHER_PAYEE = new DestinationAddress(ChainFamily.EVM, "0x" + "cd".repeat(20));
    static final DestinationAddress APTOS_PAYEE = new DestinationAddress(ChainFamily.APTOS, "0x" + "ef".repeat(32));
    static final ProposalId P1 = new ProposalId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final ProposalId P2 = new ProposalId(UUID.fromString("00000000-0000-4000-8000-000000000002"));
    static final Instant EXPIRES = NOW.plus(Duration.ofHours(1));

    private WalletFixtures() {
    }

    static AggregateTestFixture<CustodyWallet> fixture() {
        AggregateTestFixture<CustodyWallet> fixture = new AggregateTestFixture<>(CustodyWallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(DelayUnit.HOURS);
        fixture.registerInjectableResource(io.custody.command.governance.GovernanceSettings.DEFAULT);
        return fixture;
    }

    static CustodyWalletCreated created() {
        return new CustodyWalletCreated(ID, ACME, "Treasury",
                List.of(ALICE.address(), BOB.address(), CAROL.address()), new Threshold(2), ChainFamily.EVM, NOW);
    }

    /** The public key of the fixture wallets' (made-up) MPC key: secp256k1's generator, Ed25519's base point. */
    static final String EVM_PUBLIC_KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    static final String EVM_ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";
    static final String APTOS_PUBLIC_KEY = "5866666666666666666666666666666666666666666666666666666666666666";

    /** The wallet's key exists: it has an address and accepts deposits and proposals. */
    static CustodyWalletActivated activated() {
        return new CustodyWalletActivated(ID, "evm-1", EVM_PUBLIC_KEY, EVM_ADDRESS, NOW);
    }

    static CustodyWalletActivated aptosActivated() {
        return new CustodyWalletActivated(ID, "aptos-1", APTOS_PUBLIC_KEY,
                WalletKeyRules.aptosAddress(java.util.HexFormat.of().parseHex(APTOS_PUBLIC_KEY)).orElseThrow(), NOW);
    }

    static CustodyWalletCreated aptosCreated() {
        return new CustodyWalletCreated(ID, ACME, "Aptos treasury",
                List.of(APTOS_ALICE.address(), APTOS_BOB.address()), new Threshold(2), ChainFamily.APTOS, NOW);
    }

    /** The wallet's side of a confirmed deposit. */
    static DepositCredited deposit(long amount) {
        return new DepositCredited(ID, new DepositId("0xdep:" + amount), USDC, Amount.of(amount), NOW);
    }

    /** The wallet's reservation for a plain proposal of {@code amount}. */
    static WithdrawalReserved reserved(ProposalId id, long nonce, long amount) {
        return new WithdrawalReserved(ID, id, nonce, USDC, Amount.of(amount), NOW);
    }

    /** Both streams' events of a plain proposal: the wallet's reservation and the proposal's opening. */
    static List<Object> opened(ProposalId id, long nonce, long amount) {
        return List.of(reserved(id, nonce, amount), proposed(id, nonce, amount));
    }

    /** A proposal request signed by {@code proposer}'s key over its request payload. */
    static ProposeWithdrawal propose(ProposalId id, EvmKey proposer, long amount) {
        ProposeWithdrawal unsigned = new ProposeWithdrawal(ID, id, proposer.address(), PAYEE, USDC, Amount.of(amount),
                EXPIRES, null);
        return new ProposeWithdrawal(ID, id, proposer.address(), PAYEE, USDC, Amount.of(amount), EXPIRES,
                proposer.signRequest(unsigned.requestPayload()));
    }

    /** A request naming {@code proposer} with a signature that is not its own (here: Mallory's). */
    static ProposeWithdrawal proposeWithoutProof(ProposalId id, SignerAddress proposer, long amount) {
        ProposeWithdrawal unsigned = new ProposeWithdrawal(ID, id, proposer, PAYEE, USDC, Amount.of(amount), EXPIRES,
                null);
        return new ProposeWithdrawal(ID, id, proposer, PAYEE, USDC, Amount.of(amount), EXPIRES,
                MALLORY.signRequest(unsigned.requestPayload()));
    }

    /** Alice's signature over the request of a plain proposal of {@code amount}. */
    static SignerSignature aliceRequest(ProposalId id, long amount) {
        return propose(id, ALICE, amount).proposerSignature();
    }

    /** The event a plain proposal of {@code amount} by Alice yields as the wallet's {@code nonce}-th proposal. */
    static WithdrawalProposed proposed(ProposalId id, long nonce, long amount) {
        return new WithdrawalProposed(ID, ACME, id, nonce, ALICE.address(), PAYEE, USDC, Amount.of(amount),
                List.of(ALICE.address(), BOB.address(), CAROL.address()), new Threshold(2), 2, List.of(), 0, EXPIRES,
                NOW, aliceRequest(id, amount));
    }
}
