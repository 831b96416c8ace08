package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.DepositEvent;
import io.custody.chain.DepositWatch;
import io.custody.chain.TransferRequest;
import io.custody.chain.TxHash;
import io.custody.chain.store.GatewayDatabase;
import io.custody.chain.store.JdbcScanPositionStore;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deposit watch whose position lives in a real PostgreSQL: a new watch on a new store instance (a restart) neither
 * reports a deposit as new again nor misses its confirmation or a reorg that happened while it was stopped.
 */
class DepositWatchRestartOnHardhatTest {

    static HardhatChain chain;
    static GatewayDatabase db;
    String snapshot;
    String watchId;
    LocalTestSigner payer;
    ChainAddress payerAddress;
    ChainAddress custody;

    @BeforeAll
    static void start() {
        chain = new HardhatChain(EvmChain.LOCAL); // depth 3
        db = GatewayDatabase.start();
    }

    @AfterAll
    static void stop() {
        chain.close();
        db.close();
    }

    @BeforeEach
    void parties() {
        snapshot = chain.control.snapshot();
        watchId = "evm-31337-" + UUID.randomUUID();
        payer = LocalTestSigner.random();
        payerAddress = chain.fund(payer, 5);
        custody = HardhatChain.randomAddress();
    }

    @AfterEach
    void revert() {
        chain.control.revert(snapshot);
    }

    DepositWatch watch(long fromBlock) {
        return chain.adapter.watchDeposits(watchId, Set.of(custody), Set.of(Asset.nativeCoin()), fromBlock,
                new JdbcScanPositionStore(db.dataSource()));
    }

    TxHash pay(long wei) {
        return chain.send(chain.adapter, payer, new TransferRequest(payerAddress, custody, Asset.nativeCoin(), Amount.of(wei)));
    }

    @Test
    void after_a_restart_a_seen_deposit_is_confirmed_without_being_reported_new_again() {
        long start = chain.adapter.headBlock() + 1;
        DepositWatch before = watch(start);
        TxHash tx = pay(1_000);
        assertThat(before.poll()).singleElement().isInstanceOf(DepositEvent.Seen.class);
        before.checkpoint();

        chain.control.mine(EvmChain.LOCAL.confirmations());
        // The new instance is told to start at block 0; the stored position wins.
        DepositWatch after = watch(0);
        List<DepositEvent> events = after.poll();
        assertThat(events).singleElement().isInstanceOfSatisfying(DepositEvent.Confirmed.class,
                c -> assertThat(c.deposit().tx()).isEqualTo(tx));
        after.checkpoint();
        assertThat(watch(0).poll()).isEmpty();
    }

    @Test
    void a_reorg_while_the_watch_was_stopped_retracts_the_deposit_after_the_restart() {
        DepositWatch before = watch(chain.adapter.headBlock() + 1);
        String beforeDeposit = chain.control.snapshot();
        TxHash tx = pay(2_000);
        assertThat(before.poll()).singleElement().isInstanceOf(DepositEvent.Seen.class);
        before.checkpoint();

        chain.control.revert(beforeDeposit);
        chain.control.mine(4);

        assertThat(watch(0).poll()).singleElement().isInstanceOfSatisfying(DepositEvent.Retracted.class,
                r -> assertThat(r.deposit().tx()).isEqualTo(tx));
    }

    @Test
    void events_of_a_poll_whose_handling_was_not_acknowledged_are_delivered_again_after_a_restart() {
        DepositWatch before = watch(chain.adapter.headBlock() + 1);
        TxHash tx = pay(3_000);
        assertThat(before.poll()).singleElement().isInstanceOf(DepositEvent.Seen.class);
        // crash before the caller handled the events: no checkpoint, no further poll

        assertThat(watch(0).poll()).singleElement().isInstanceOfSatisfying(DepositEvent.Seen.class,
                s -> assertThat(s.deposit().tx()).isEqualTo(tx));
    }
}
