package io.custody.chain.aptos;

import static io.custody.chain.aptos.AptosLedgerJson.blockMetadataTx;
import static io.custody.chain.aptos.AptosLedgerJson.coinStore;
import static io.custody.chain.aptos.AptosLedgerJson.faDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.legacyDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.legacyFaDeposit;
import static io.custody.chain.aptos.AptosLedgerJson.list;
import static io.custody.chain.aptos.AptosLedgerJson.randomAddress;
import static io.custody.chain.aptos.AptosLedgerJson.stateCheckpointTx;
import static io.custody.chain.aptos.AptosLedgerJson.storeWrites;
import static io.custody.chain.aptos.AptosLedgerJson.userTx;
import static io.custody.chain.aptos.AptosLedgerJson.writeResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainException;
import io.custody.chain.DepositEvent;
import java.time.Clock;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every shape check of the Aptos deposit scanner, fed a forged or malformed answer by {@link AptosNodeStub} (a local
 * HTTP stub of the documented REST API v1; there is no Aptos node here). A scanner that guessed past a bad answer could
 * skip a deposit, so each case must end in a {@link ChainException} that says what was wrong, with the cursor unmoved.
 */
class AptosDepositWatchRejectsMalformedNodeResponsesTest {

    AptosNodeStub stub;
    AptosAdapter adapter;
    String custody;
    String store;
    AptosDepositWatch watch;

    @BeforeEach
    void start() throws Exception {
        stub = new AptosNodeStub();
        adapter = new AptosAdapter(AptosChain.TESTNET, new AptosRestClient(stub.baseUri()), Clock.systemUTC());
        custody = randomAddress();
        store = randomAddress();
        watch = adapter.watchDeposits(Set.of(new ChainAddress(custody)), Set.of(Asset.nativeCoin()), 0);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    ObjectNode deposit(String amount) {
        return userTx(randomAddress(), true, list(faDeposit(store, amount)), storeWrites(store, "0xa", "1", custody));
    }

    void assertRejected(String messagePart) {
        assertRejected(watch::poll, messagePart);
        assertThat(watch.nextBlock()).isZero();
    }

    static void assertRejected(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ChainException.class, e -> {
            assertThat(e.code()).isEqualTo(ChainException.Code.REJECTED_BY_NODE);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void an_amount_written_as_a_json_number_instead_of_a_u64_string_is_rejected() {
        ObjectNode tx = deposit("5");
        ((ObjectNode) tx.get("events").get(0).get("data")).put("amount", 5);
        stub.addBlock(tx);
        assertRejected("amount is not a u64 string");
    }

    @Test
    void an_amount_above_the_u64_maximum_is_rejected() {
        stub.addBlock(deposit("18446744073709551616"));
        assertRejected("exceeds u64");
    }

    @Test
    void a_negative_or_padded_amount_is_rejected() {
        stub.addBlock(deposit("-5"));
        assertRejected("amount is not a u64 string");
        stub.blocks.clear();
        stub.addBlock(deposit("007"));
        assertRejected("amount is not a u64 string");
    }

    @Test
    void a_committed_transaction_without_its_success_flag_is_rejected() {
        ObjectNode tx = deposit("5");
        tx.remove("success");
        stub.addBlock(tx);
        assertRejected("success is missing");
    }

    @Test
    void a_pending_transaction_inside_a_block_is_rejected() {
        ObjectNode tx = deposit("5");
        tx.put("type", "pending_transaction");
        stub.addBlock(tx);
        assertRejected("pending transaction");
    }

    @Test
    void a_block_answered_for_another_height_is_rejected() {
        stub.addBlock(deposit("5"));
        stub.blocks.get(0).put("block_height", "1");
        assertRejected("node answered with block");
    }

    @Test
    void a_block_hash_that_is_not_32_bytes_of_hex_is_rejected() {
        stub.addBlock(deposit("5"));
        stub.blocks.get(0).put("block_hash", "0x1234");
        assertRejected("block_hash is not 32 bytes");
    }

    @Test
    void transactions_whose_versions_leave_a_gap_are_rejected() {
        stub.addBlock(blockMetadataTx(), deposit("5"));
        ((ObjectNode) stub.blocks.get(0).get("transactions").get(1)).put("version", "2");
        assertRejected("expected version 1");
    }

    @Test
    void a_block_whose_version_range_is_inverted_is_rejected() {
        stub.addBlock(deposit("5"));
        stub.blocks.get(0).put("first_version", "3");
        assertRejected("last_version 0 < first_version 3");
    }

    @Test
    void an_empty_transactions_page_for_the_rest_of_a_truncated_block_is_rejected() {
        stub.blockPageSize = 1;
        stub.addBlock(blockMetadataTx(), stateCheckpointTx(), deposit("5"));
        stub.rawReplies.put("transactions?start=1&limit=2", new AptosNodeStub.Reply(200, "[]"));
        assertRejected("expected a non-empty array");
    }

    @Test
    void a_body_that_is_not_json_is_rejected() {
        stub.addBlock(deposit("5"));
        stub.rawReplies.put("blocks/by_height/0?with_transactions=true", new AptosNodeStub.Reply(200, "<html>gateway</html>"));
        assertRejected("unreadable response");
    }

    @Test
    void ledger_info_without_a_block_height_is_rejected() {
        stub.rawReplies.put("", new AptosNodeStub.Reply(200, "{\"chain_id\":2,\"ledger_version\":\"9\",\"oldest_block_height\":\"0\"}"));
        assertRejected("block_height is not a u64 string");
    }

    @Test
    void a_cursor_below_the_nodes_oldest_kept_block_is_refused_rather_than_skipping_pruned_blocks() {
        stub.addBlock(deposit("1"));
        stub.addBlock(deposit("2"));
        stub.oldestBlockHeight = 1;
        assertRejected("pruned");
        assertThat(stub.requests).noneMatch(r -> r.startsWith("blocks/"));
    }

    @Test
    void a_block_pruned_between_ledger_info_and_the_block_request_is_reported_with_the_nodes_message() {
        stub.addBlock(deposit("1"));
        stub.rawReplies.put("blocks/by_height/0?with_transactions=true",
                new AptosNodeStub.Reply(410, "{\"message\":\"Block(0) has been pruned\",\"error_code\":\"block_pruned\"}"));
        assertRejected("Block(0) has been pruned [block_pruned]");
    }

    @Test
    void a_handle_deposit_event_whose_coin_store_is_not_in_the_write_set_is_rejected() {
        stub.addBlock(userTx(randomAddress(), true, list(legacyDeposit(custody, "4", "9")),
                list(writeResource(custody, coinStore(custody, "0x1::aptos_coin::AptosCoin", "9", "2")))));
        assertRejected("owns deposit handle 4");
    }

    @Test
    void a_fungible_store_the_node_cannot_resolve_is_rejected_naming_the_store() {
        stub.addBlock(userTx(randomAddress(), true, list(faDeposit(store, "9")), list()));
        assertRejected("store " + store + " has no 0x1::fungible_asset::FungibleStore");
    }

    @Test
    void an_event_address_that_is_not_hex_is_rejected() {
        stub.addBlock(userTx(randomAddress(), true, list(faDeposit("0xnot-an-address", "9")), list()));
        assertRejected("not an address: 0xnot-an-address");
    }

    @Test
    void a_deposit_in_a_transaction_with_a_malformed_hash_is_rejected() {
        ObjectNode tx = deposit("5");
        tx.put("hash", "0xabc");
        stub.addBlock(tx);
        assertRejected("not a 32-byte hex hash");
    }

    @Test
    void a_paired_metadata_view_answer_of_the_wrong_shape_is_rejected() {
        String coin = "0x" + "5e".repeat(32) + "::asset::USDC";
        AptosDepositWatch w = adapter.watchDeposits(Set.of(new ChainAddress(custody)), Set.of(new Asset.CoinType(coin)), 0);
        stub.addBlock(deposit("5"));
        stub.rawReplies.put("view", new AptosNodeStub.Reply(200, "[{\"vec\":[{\"inner\":\"0xa\"},{\"inner\":\"0xb\"}]}]"));
        assertRejected(w::poll, "at most one value");
        stub.rawReplies.put("view", new AptosNodeStub.Reply(200, "{\"vec\":[]}"));
        assertRejected(w::poll, "expected one Option value");
        assertThat(w.nextBlock()).isZero();
    }

    @Test
    void blocks_read_before_a_malformed_block_are_reported_and_the_cursor_stops_at_the_bad_block() {
        stub.addBlock(deposit("5"));
        ObjectNode bad = deposit("6");
        bad.remove("success");
        stub.addBlock(bad);

        assertThat(watch.poll()).filteredOn(e -> e instanceof DepositEvent.Confirmed).hasSize(1);
        assertThat(watch.nextBlock()).isEqualTo(1);
        assertRejected(watch::poll, "success is missing");
        assertThat(watch.nextBlock()).isEqualTo(1);
    }

    @Test
    void a_version_beyond_the_signed_63_bit_range_is_rejected() {
        stub.addBlock(deposit("5"));
        stub.blocks.get(0).put("last_version", "18446744073709551615");
        assertRejected("last_version out of range");
    }

    @Test
    void a_transaction_without_its_type_is_rejected() {
        ObjectNode tx = deposit("5");
        tx.remove("type");
        stub.addBlock(tx);
        assertRejected("type is missing or not a string");
    }

    @Test
    void a_block_without_its_transactions_array_is_rejected() throws Exception {
        ObjectNode block = stub.addBlock(deposit("5")).deepCopy();
        block.put("transactions", "none");
        stub.rawReplies.put("blocks/by_height/0?with_transactions=true",
                new AptosNodeStub.Reply(200, AptosNodeStub.JSON.writeValueAsString(block)));
        assertRejected("transactions is missing or not an array");
    }

    @Test
    void a_block_listing_a_transaction_past_its_last_version_is_rejected() {
        stub.addBlock(blockMetadataTx(), deposit("5"));
        stub.blocks.get(0).put("last_version", "0");
        assertRejected("expected version 1 (block ends at 0)");
    }

    @Test
    void a_transaction_that_is_not_an_object_is_rejected() {
        stub.addBlock(deposit("5"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) stub.blocks.get(0).get("transactions")).set(0, "tx");
        assertRejected("a transaction is not an object");
    }

    @Test
    void events_that_are_not_an_array_or_not_objects_are_rejected() {
        ObjectNode tx = deposit("5");
        tx.put("events", "none");
        stub.addBlock(tx);
        assertRejected("events is not an array");
        tx.putArray("events").add(7);
        assertRejected("event 0 is not an object");
    }

    @Test
    void a_deposit_event_without_its_data_or_guid_is_rejected() {
        ObjectNode tx = deposit("5");
        ((ObjectNode) tx.get("events").get(0)).remove("data");
        stub.addBlock(tx);
        assertRejected("data is missing or not an object");
        ObjectNode early = legacyFaDeposit(store, "5");
        early.remove("guid");
        tx.set("events", list(early));
        assertRejected("guid is missing or not an object");
    }

    @Test
    void a_write_set_that_is_not_an_array_is_rejected() {
        ObjectNode tx = deposit("5");
        tx.put("changes", "none");
        stub.addBlock(tx);
        assertRejected("changes is not an array");
    }

    @Test
    void a_coin_store_without_its_deposit_handle_is_rejected() {
        ObjectNode store = coinStore(custody, "0x1::aptos_coin::AptosCoin", "9", "2");
        ((ObjectNode) store.get("data")).remove("deposit_events");
        stub.addBlock(userTx(randomAddress(), true, list(legacyDeposit(custody, "2", "9")), list(writeResource(custody, store))));
        assertRejected("has no deposit_events.guid.id");
    }

    @Test
    void an_unreachable_node_is_reported_as_unavailable_and_the_cursor_stays() {
        stub.addBlock(deposit("5"));
        stub.close();
        assertThatThrownBy(watch::poll).isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.code()).isEqualTo(ChainException.Code.RPC_UNAVAILABLE));
        assertThat(watch.nextBlock()).isZero();
    }
}
