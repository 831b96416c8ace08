package io.custody.chain.aptos;

import static io.custody.chain.aptos.AptosLedgerJson.blockMetadataTx;
import static io.custody.chain.aptos.AptosLedgerJson.coinDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.coinStore;
import static io.custody.chain.aptos.AptosLedgerJson.faDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.faWithdraw;
import static io.custody.chain.aptos.AptosLedgerJson.fungibleStore;
import static io.custody.chain.aptos.AptosLedgerJson.legacyDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.legacyFaDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.list;
import static io.custody.chain.aptos.AptosLedgerJson.objectCore;
import static io.custody.chain.aptos.AptosLedgerJson.randomAddress;
import static io.custody.chain.aptos.AptosLedgerJson.stateCheckpointTx;
import static io.custody.chain.aptos.AptosLedgerJson.storeWrites;
import static io.custody.chain.aptos.AptosLedgerJson.userTx;
import static io.custody.chain.aptos.AptosLedgerJson.writeResource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.DepositEvent;
import io.custody.chain.TxHash;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aptos deposit detection against {@link AptosNodeStub}, a local HTTP stub of the documented REST API v1 serving a
 * ledger the test builds (there is no Aptos node on this machine). The transaction JSON follows the documented
 * shapes; these tests prove the scanning and decoding logic, not that a real node behaves like the stub.
 */
class AptosDepositWatchAgainstRestStubTest {

    static final String APT_COIN = "0x1::aptos_coin::AptosCoin";
    static final String USDC_COIN = "0x" + "5e".repeat(32) + "::asset::USDC";

    AptosNodeStub stub;
    AptosAdapter adapter;
    String custody;
    String custodyAptStore;
    String sender;

    @BeforeEach
    void start() throws Exception {
        stub = new AptosNodeStub();
        adapter = new AptosAdapter(AptosChain.TESTNET, new AptosRestClient(stub.baseUri()),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        custody = randomAddress();
        custodyAptStore = randomAddress();
        sender = randomAddress();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    AptosDepositWatch watch(Set<Asset> assets, long from) {
        return adapter.watchDeposits(Set.of(new ChainAddress(custody)), assets, from);
    }

    /** An APT transfer as the framework now makes it: FA withdraw from the sender's store, deposit into the recipient's. */
    ObjectNode aptTransfer(String to, String toStore, String amount, boolean success) {
        String fromStore = randomAddress();
        ArrayNode changes = storeWrites(toStore, "0xa", "999", to);
        changes.addAll(storeWrites(fromStore, "0xa", "1", sender));
        return userTx(sender, success, list(faWithdraw(fromStore, amount), faDeposit(toStore, amount)), changes);
    }

    static List<Deposit> confirmed(List<DepositEvent> events) {
        return events.stream().filter(e -> e instanceof DepositEvent.Confirmed).map(DepositEvent::deposit).toList();
    }

    @Test
    void an_apt_deposit_is_reported_seen_then_confirmed_with_exact_amount_block_hash_sender_and_event_index() {
        stub.addBlock(blockMetadataTx(), stateCheckpointTx());
        ObjectNode tx = aptTransfer(custody, custodyAptStore, "123456789012", true);
        ObjectNode block = stub.addBlock(blockMetadataTx(), tx, stateCheckpointTx());
        AptosDepositWatch w = watch(Set.of(Asset.nativeCoin()), 0);

        List<DepositEvent> events = w.poll();

        Deposit expected = new Deposit(new TxHash(tx.get("hash").asText()), 1, new ChainAddress(custody),
                new ChainAddress(sender), Asset.nativeCoin(), Amount.of(123_456_789_012L), 1, block.get("block_hash").asText());
        assertThat(events).containsExactly(new DepositEvent.Seen(expected, 1), new DepositEvent.Confirmed(expected, 1));
        assertThat(w.nextBlock()).isEqualTo(2);
    }

    @Test
    void amounts_up_to_the_u64_maximum_are_reported_exactly() {
        String max = "18446744073709551615";
        stub.addBlock(aptTransfer(custody, custodyAptStore, max, true));
        List<Deposit> found = confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll());
        assertThat(found).extracting(d -> d.amount().baseUnits()).containsExactly(new BigInteger(max));
    }

    @Test
    void deposits_to_other_addresses_in_other_assets_and_withdrawals_are_ignored() {
        String stranger = randomAddress();
        String otherFa = randomAddress();
        String otherStore = randomAddress();
        stub.addBlock(
                aptTransfer(stranger, randomAddress(), "500", true),
                userTx(sender, true, list(faDeposit(otherStore, "700")), storeWrites(otherStore, otherFa, "700", custody)),
                userTx(sender, true, list(coinDeposit(custody, USDC_COIN, "900")), list()),
                userTx(custody, true, list(faWithdraw(custodyAptStore, "42")), storeWrites(custodyAptStore, "0xa", "1", custody)));
        AptosDepositWatch w = watch(Set.of(Asset.nativeCoin()), 0);
        assertThat(w.poll()).isEmpty();
        assertThat(w.nextBlock()).isEqualTo(1);
    }

    @Test
    void a_failed_transaction_reports_no_deposit_even_if_its_json_lists_deposit_events() {
        stub.addBlock(aptTransfer(custody, custodyAptStore, "5000", false));
        assertThat(watch(Set.of(Asset.nativeCoin()), 0).poll()).isEmpty();
    }

    @Test
    void a_deposit_is_not_reported_again_by_later_polls() {
        stub.addBlock(aptTransfer(custody, custodyAptStore, "10", true));
        AptosDepositWatch w = watch(Set.of(Asset.nativeCoin()), 0);
        assertThat(confirmed(w.poll())).hasSize(1);
        assertThat(w.poll()).isEmpty();
        ObjectNode second = aptTransfer(custody, custodyAptStore, "20", true);
        stub.addBlock(second);
        List<Deposit> next = confirmed(w.poll());
        assertThat(next).extracting(d -> d.tx().value()).containsExactly(second.get("hash").asText());
        assertThat(w.poll()).isEmpty();
    }

    @Test
    void a_new_watch_resumed_from_a_persisted_cursor_reports_only_later_blocks() {
        stub.addBlock(aptTransfer(custody, custodyAptStore, "10", true));
        AptosDepositWatch first = watch(Set.of(Asset.nativeCoin()), 0);
        assertThat(confirmed(first.poll())).hasSize(1);
        long persisted = first.nextBlock();

        ObjectNode later = aptTransfer(custody, custodyAptStore, "30", true);
        stub.addBlock(later);
        AptosDepositWatch resumed = watch(Set.of(Asset.nativeCoin()), persisted);
        assertThat(confirmed(resumed.poll())).extracting(d -> d.tx().value()).containsExactly(later.get("hash").asText());
        // Starting from zero again would report both: the cursor is what prevents the repeat.
        assertThat(confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll())).hasSize(2);
    }

    @Test
    void one_coin_deposit_announced_by_both_its_module_event_and_its_handle_event_counts_once() {
        ArrayNode changes = list(writeResource(custody, coinStore(custody, USDC_COIN, "77", "4")),
                writeResource(custody, coinStore(custody, APT_COIN, "1", "2")));
        stub.addBlock(userTx(sender, true, list(coinDeposit(custody, USDC_COIN, "77"), legacyDeposit(custody, "4", "77")), changes));
        List<Deposit> found = confirmed(watch(Set.of(new Asset.CoinType(USDC_COIN)), 0).poll());
        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.asset()).isEqualTo(new Asset.CoinType(USDC_COIN));
            assertThat(d.amount()).isEqualTo(Amount.of(77));
            assertThat(d.logIndex()).isZero();
        });
    }

    @Test
    void a_handle_event_alone_is_attributed_to_the_coin_store_that_owns_its_creation_number() {
        // Two stores on the account; only the creation number tells which coin the DepositEvent is about.
        ArrayNode changes = list(writeResource(custody, coinStore(custody, USDC_COIN, "77", "4")),
                writeResource(custody, coinStore(custody, APT_COIN, "66", "2")));
        stub.addBlock(userTx(sender, true, list(legacyDeposit(custody, "2", "66"), legacyDeposit(custody, "4", "77")), changes));
        List<Deposit> found = confirmed(watch(Set.of(Asset.nativeCoin(), new Asset.CoinType(USDC_COIN)), 0).poll());
        assertThat(found).extracting(Deposit::asset, d -> d.amount().baseUnits().longValueExact())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Asset.nativeCoin(), 66L),
                        org.assertj.core.groups.Tuple.tuple(new Asset.CoinType(USDC_COIN), 77L));
    }

    @Test
    void a_fungible_asset_deposit_from_an_early_framework_handle_event_is_found_and_a_repeated_one_counts_once() {
        ObjectNode early = userTx(sender, true, list(legacyFaDeposit(custodyAptStore, "41")),
                storeWrites(custodyAptStore, "0xa", "41", custody));
        ObjectNode both = userTx(sender, true, list(faDeposit(custodyAptStore, "42"), legacyFaDeposit(custodyAptStore, "42")),
                storeWrites(custodyAptStore, "0xa", "83", custody));
        stub.addBlock(early, both);
        List<Deposit> found = confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll());
        assertThat(found).extracting(d -> d.tx().value(), Deposit::amount, Deposit::logIndex).containsExactly(
                org.assertj.core.groups.Tuple.tuple(early.get("hash").asText(), Amount.of(41), 0),
                org.assertj.core.groups.Tuple.tuple(both.get("hash").asText(), Amount.of(42), 0));
    }

    @Test
    void a_migrated_coin_is_found_as_its_paired_fungible_asset_too() {
        String usdcMetadata = randomAddress();
        stub.pairedMetadata.put(USDC_COIN, usdcMetadata);
        String store = randomAddress();
        stub.addBlock(userTx(sender, true, list(faDeposit(store, "250")), storeWrites(store, usdcMetadata, "250", custody)));
        List<Deposit> found = confirmed(watch(Set.of(new Asset.CoinType(USDC_COIN)), 0).poll());
        assertThat(found).extracting(Deposit::asset, Deposit::amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(new Asset.CoinType(USDC_COIN), Amount.of(250)));
    }

    @Test
    void a_fungible_asset_is_watched_by_its_metadata_address() {
        String metadata = randomAddress();
        String store = randomAddress();
        stub.addBlock(userTx(sender, true, list(faDeposit(store, "31")), storeWrites(store, metadata, "31", custody)));
        List<Deposit> found = confirmed(watch(Set.of(new Asset.Token(new ChainAddress(metadata))), 0).poll());
        assertThat(found).extracting(Deposit::amount).containsExactly(Amount.of(31));
    }

    @Test
    void a_store_missing_from_the_write_set_is_resolved_from_the_node_at_the_transactions_version() {
        stub.addBlock(blockMetadataTx());
        stub.addBlock(userTx(sender, true, list(faDeposit(custodyAptStore, "8")), list()));
        stub.resources.put(custodyAptStore + "|0x1::fungible_asset::FungibleStore", fungibleStore("0xa", "8"));
        stub.resources.put(custodyAptStore + "|0x1::object::ObjectCore", objectCore(custody));
        List<Deposit> found = confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll());
        assertThat(found).extracting(Deposit::amount).containsExactly(Amount.of(8));
        assertThat(stub.requests).contains(
                "accounts/" + custodyAptStore + "/resource/0x1::object::ObjectCore?ledger_version=1");
    }

    @Test
    void short_form_addresses_in_node_output_match_the_long_form_watched_address() {
        // The API may strip leading zeros from addresses; the owner below is written "0xc1" and the asset "0xa".
        custody = "0x" + "0".repeat(62) + "c1";
        String store = randomAddress();
        stub.addBlock(userTx(sender, true, list(faDeposit(store, "3")), storeWrites(store, "0xa", "3", "0xc1")));
        assertThat(confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll())).extracting(d -> d.to().value())
                .containsExactly(custody);
    }

    @Test
    void a_block_truncated_by_the_nodes_page_size_is_completed_from_the_transactions_list() {
        stub.blockPageSize = 2;
        ObjectNode last = aptTransfer(custody, custodyAptStore, "99", true);
        stub.addBlock(blockMetadataTx(), stateCheckpointTx(), stateCheckpointTx(), stateCheckpointTx(), last);
        List<Deposit> found = confirmed(watch(Set.of(Asset.nativeCoin()), 0).poll());
        assertThat(found).extracting(d -> d.tx().value()).containsExactly(last.get("hash").asText());
        assertThat(stub.requests).contains("transactions?start=2&limit=3");
    }

    @Test
    void a_watch_far_behind_catches_up_a_bounded_number_of_blocks_per_poll() {
        for (int i = 0; i < 5; i++) {
            stub.addBlock(aptTransfer(custody, custodyAptStore, Integer.toString(i + 1), true));
        }
        AptosDepositWatch w = new AptosDepositWatch(new AptosRestClient(stub.baseUri()), Set.of(new ChainAddress(custody)),
                Set.of(Asset.nativeCoin()), 0, 2);
        assertThat(confirmed(w.poll())).hasSize(2);
        assertThat(w.nextBlock()).isEqualTo(2);
        assertThat(confirmed(w.poll())).hasSize(2);
        assertThat(confirmed(w.poll())).hasSize(1);
        assertThat(w.poll()).isEmpty();
        assertThat(w.nextBlock()).isEqualTo(5);
    }

    @Test
    void a_stored_cursor_lets_a_new_watch_continue_after_a_restart_without_reporting_a_deposit_twice() {
        io.custody.chain.store.ScanPositionStore store = new io.custody.chain.store.InMemoryScanPositionStore();
        stub.addBlock(aptTransfer(custody, custodyAptStore, "10", true));
        var before = adapter.watchDeposits("aptos-2-custody", Set.of(new ChainAddress(custody)), Set.of(Asset.nativeCoin()), 0, store);
        assertThat(confirmed(before.poll())).hasSize(1);
        before.checkpoint();

        ObjectNode later = aptTransfer(custody, custodyAptStore, "20", true);
        stub.addBlock(later);
        var after = adapter.watchDeposits("aptos-2-custody", Set.of(new ChainAddress(custody)), Set.of(Asset.nativeCoin()), 0, store);
        assertThat(confirmed(after.poll())).extracting(d -> d.tx().value()).containsExactly(later.get("hash").asText());
    }
}
