package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.contracts.generated.TestStablecoin;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Deposits from blocks and Transfer logs, confirmation depth, and a reorg simulated with evm_snapshot/evm_revert. */
class DepositWatchOnHardhatTest {

    static HardhatChain chain;
    static TestStablecoin token;
    static Asset usd;
    String snapshot;
    LocalTestSigner payer;
    ChainAddress payerAddress;
    ChainAddress custody;

    @BeforeAll
    static void start() throws Exception {
        chain = new HardhatChain(EvmChain.LOCAL); // depth 3
        Credentials deployer = Credentials.create(Keys.createEcKeyPair());
        token = TestStablecoin.deploy(chain.web3j, chain.deployer(deployer), HardhatChain.gas(), deployer.getAddress()).send();
        usd = new Asset.Token(EvmAddresses.parse(token.getContractAddress()));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void parties() throws Exception {
        snapshot = chain.control.snapshot();
        payer = LocalTestSigner.random();
        payerAddress = chain.fund(payer, 5);
        custody = HardhatChain.randomAddress();
        token.mint(payerAddress.value(), BigInteger.valueOf(10_000_000)).send();
    }

    @AfterEach
    void revert() {
        chain.control.revert(snapshot);
    }

    DepositWatch watch() {
        return chain.adapter.watchDeposits(Set.of(custody), Set.of(Asset.nativeCoin(), usd), chain.adapter.headBlock() + 1);
    }

    TxHash pay(Asset asset, long amount) {
        return chain.send(chain.adapter, payer, new TransferRequest(payerAddress, custody, asset, Amount.of(amount)));
    }

    @Test
    void native_and_token_deposits_are_seen_then_confirmed_once_at_the_configured_depth() {
        DepositWatch w = watch();
        // Someone else's transfer must not show up.
        chain.send(chain.adapter, payer, new TransferRequest(payerAddress, HardhatChain.randomAddress(), usd, Amount.of(1)));
        TxHash eth = pay(Asset.nativeCoin(), 1_000_000_000_000L);
        TxHash tok = pay(usd, 2_500_000);

        List<DepositEvent> first = w.poll();
        assertThat(first).hasSize(2).allMatch(e -> e instanceof DepositEvent.Seen);
        assertThat(first).extracting(e -> e.deposit().tx()).containsExactlyInAnyOrder(eth, tok);
        DepositEvent.Seen tokenSeen = (DepositEvent.Seen) first.stream().filter(e -> e.deposit().tx().equals(tok)).findFirst().orElseThrow();
        assertThat(tokenSeen.deposit().asset()).isEqualTo(usd);
        assertThat(tokenSeen.deposit().amount()).isEqualTo(Amount.of(2_500_000));
        assertThat(tokenSeen.deposit().from()).isEqualTo(payerAddress);
        assertThat(tokenSeen.deposit().to()).isEqualTo(custody);

        // The token deposit is in the block after the ETH one, so it reaches depth one block later.
        chain.control.mine(1);
        List<DepositEvent> second = w.poll();
        assertThat(second).hasSize(1);
        assertThat(second.get(0)).isInstanceOf(DepositEvent.Confirmed.class);
        assertThat(second.get(0).deposit().tx()).isEqualTo(eth);

        chain.control.mine(1);
        List<DepositEvent> third = w.poll();
        assertThat(third).hasSize(1);
        assertThat(third.get(0).deposit().tx()).isEqualTo(tok);
        assertThat(((DepositEvent.Confirmed) third.get(0)).confirmations()).isEqualTo(EvmChain.LOCAL.confirmations());

        chain.control.mine(5);
        assertThat(w.poll()).isEmpty();
    }

    @Test
    void a_deposit_in_a_reorged_block_is_retracted_and_never_confirmed() {
        DepositWatch w = watch();
        String beforeDeposit = chain.control.snapshot();
        TxHash tok = pay(usd, 700_000);
        List<DepositEvent> seen = w.poll();
        assertThat(seen).singleElement().isInstanceOf(DepositEvent.Seen.class);

        // Reorg: the block holding the deposit is replaced by empty blocks at the same heights.
        chain.control.revert(beforeDeposit);
        chain.control.mine(3);

        List<DepositEvent> after = w.poll();
        assertThat(after).singleElement().isInstanceOfSatisfying(DepositEvent.Retracted.class, r -> {
            assertThat(r.deposit().tx()).isEqualTo(tok);
            assertThat(r.wasConfirmed()).isFalse();
        });
        chain.control.mine(5);
        assertThat(w.poll()).isEmpty();
    }

    @Test
    void a_deposit_reincluded_after_a_reorg_is_seen_again_in_its_new_block_and_confirms_there() {
        DepositWatch w = watch();
        String beforeDeposit = chain.control.snapshot();
        var unsigned = chain.adapter.buildTransfer(new TransferRequest(payerAddress, custody, Asset.nativeCoin(), Amount.of(42)));
        var signed = HardhatChain.sign(chain.adapter, payer, unsigned);
        TxHash tx = chain.adapter.broadcast(signed);
        DepositEvent firstSeen = w.poll().get(0);

        // On a real network the orphaned transaction returns to the pool and is mined again later; here we resend it.
        chain.control.revert(beforeDeposit);
        chain.control.mine(1);
        chain.adapter.broadcast(signed);
        List<DepositEvent> events = w.poll();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(DepositEvent.Retracted.class);
        assertThat(events.get(0).deposit()).isEqualTo(firstSeen.deposit());
        assertThat(events.get(1)).isInstanceOf(DepositEvent.Seen.class);
        assertThat(events.get(1).deposit().tx()).isEqualTo(tx);
        assertThat(events.get(1).deposit().blockNumber()).isEqualTo(firstSeen.deposit().blockNumber() + 1);
        assertThat(events.get(1).deposit().blockHash()).isNotEqualTo(firstSeen.deposit().blockHash());

        chain.control.mine(2);
        assertThat(w.poll()).singleElement().isInstanceOf(DepositEvent.Confirmed.class);
    }
}
