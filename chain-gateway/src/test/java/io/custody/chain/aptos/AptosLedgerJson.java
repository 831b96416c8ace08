package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Builds committed-transaction JSON in the shapes the Aptos REST API v1 documents (user, block metadata and state
 * checkpoint transactions; coin and fungible-asset events; write-set resources), for {@link AptosNodeStub}'s ledger.
 * The stub fills in {@code version} when the transaction is put into a block.
 */
public final class AptosLedgerJson {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AptosLedgerJson() {
    }

    public static String randomHash() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "0x" + HexFormat.of().formatHex(b);
    }

    public static String randomAddress() {
        return randomHash();
    }

    public static ObjectNode userTx(String sender, boolean success, ArrayNode events, ArrayNode changes) {
        ObjectNode t = AptosNodeStub.JSON.createObjectNode();
        t.put("type", "user_transaction");
        t.put("hash", randomHash());
        t.put("state_change_hash", randomHash());
        t.put("event_root_hash", randomHash());
        t.putNull("state_checkpoint_hash");
        t.put("gas_used", "11");
        t.put("success", success);
        t.put("vm_status", success ? "Executed successfully"
                : "Move abort in 0x1::fungible_asset: EINSUFFICIENT_BALANCE(0x10004): Insufficient balance.");
        t.put("accumulator_root_hash", randomHash());
        t.set("changes", changes);
        t.put("sender", sender);
        t.put("sequence_number", "3");
        t.put("max_gas_amount", "2000");
        t.put("gas_unit_price", "100");
        t.put("expiration_timestamp_secs", "1767226200");
        ObjectNode payload = t.putObject("payload");
        payload.put("function", "0x1::aptos_account::transfer");
        payload.putArray("type_arguments");
        payload.putArray("arguments");
        payload.put("type", "entry_function_payload");
        ObjectNode sig = t.putObject("signature");
        sig.put("public_key", "0x" + "11".repeat(32));
        sig.put("signature", "0x" + "22".repeat(64));
        sig.put("type", "ed25519_signature");
        t.set("events", events);
        t.put("timestamp", "1767225600000000");
        return t;
    }

    public static ObjectNode blockMetadataTx() {
        ObjectNode t = AptosNodeStub.JSON.createObjectNode();
        t.put("type", "block_metadata_transaction");
        t.put("hash", randomHash());
        t.put("state_change_hash", randomHash());
        t.put("event_root_hash", randomHash());
        t.put("gas_used", "0");
        t.put("success", true);
        t.put("vm_status", "Executed successfully");
        t.put("accumulator_root_hash", randomHash());
        t.putArray("changes");
        t.put("id", randomHash());
        t.put("epoch", "1");
        t.put("round", "7");
        ArrayNode events = t.putArray("events");
        ObjectNode e = events.addObject();
        guid(e, "3", "0x1");
        e.put("sequence_number", "7");
        e.put("type", "0x1::block::NewBlockEvent");
        e.putObject("data").put("round", "7");
        t.putArray("previous_block_votes_bitvec");
        t.put("proposer", randomAddress());
        t.putArray("failed_proposer_indices");
        t.put("timestamp", "1767225600000000");
        return t;
    }

    public static ObjectNode stateCheckpointTx() {
        ObjectNode t = AptosNodeStub.JSON.createObjectNode();
        t.put("type", "state_checkpoint_transaction");
        t.put("hash", randomHash());
        t.put("state_change_hash", randomHash());
        t.put("event_root_hash", randomHash());
        t.put("state_checkpoint_hash", randomHash());
        t.put("gas_used", "0");
        t.put("success", true);
        t.put("vm_status", "Executed successfully");
        t.put("accumulator_root_hash", randomHash());
        t.putArray("changes");
        t.put("timestamp", "1767225600000000");
        return t;
    }

    public static ArrayNode list(ObjectNode... items) {
        ArrayNode a = AptosNodeStub.JSON.createArrayNode();
        for (ObjectNode i : items) {
            a.add(i);
        }
        return a;
    }

    /** Module events carry a zero GUID; only handle events name their creator and creation number. */
    private static void guid(ObjectNode e, String creationNumber, String account) {
        ObjectNode g = e.putObject("guid");
        g.put("creation_number", creationNumber);
        g.put("account_address", account);
    }

    public static ObjectNode faDeposit(String store, String amount) {
        return moduleEvent("0x1::fungible_asset::Deposit")
                .set("data", AptosNodeStub.JSON.createObjectNode().put("store", store).put("amount", amount));
    }

    public static ObjectNode faWithdraw(String store, String amount) {
        return moduleEvent("0x1::fungible_asset::Withdraw")
                .set("data", AptosNodeStub.JSON.createObjectNode().put("store", store).put("amount", amount));
    }

    public static ObjectNode coinDeposit(String account, String coinType, String amount) {
        return moduleEvent("0x1::coin::CoinDeposit").set("data", AptosNodeStub.JSON.createObjectNode()
                .put("coin_type", coinType).put("account", account).put("amount", amount));
    }

    public static ObjectNode legacyDeposit(String account, String creationNumber, String amount) {
        ObjectNode e = AptosNodeStub.JSON.createObjectNode();
        guid(e, creationNumber, account);
        e.put("sequence_number", "4");
        e.put("type", "0x1::coin::DepositEvent");
        e.putObject("data").put("amount", amount);
        return e;
    }

    /** The early fungible-asset handle event: emitted on the store's own handle, so the GUID names the store. */
    public static ObjectNode legacyFaDeposit(String store, String amount) {
        ObjectNode e = AptosNodeStub.JSON.createObjectNode();
        guid(e, "1125899906842624", store);
        e.put("sequence_number", "0");
        e.put("type", "0x1::fungible_asset::DepositEvent");
        e.putObject("data").put("amount", amount);
        return e;
    }

    private static ObjectNode moduleEvent(String type) {
        ObjectNode e = AptosNodeStub.JSON.createObjectNode();
        guid(e, "0", "0x0");
        e.put("sequence_number", "0");
        e.put("type", type);
        return e;
    }

    public static ObjectNode resource(String type, ObjectNode data) {
        ObjectNode r = AptosNodeStub.JSON.createObjectNode();
        r.put("type", type);
        r.set("data", data);
        return r;
    }

    public static ObjectNode writeResource(String address, ObjectNode resource) {
        ObjectNode c = AptosNodeStub.JSON.createObjectNode();
        c.put("address", address);
        c.put("state_key_hash", randomHash());
        c.set("data", resource);
        c.put("type", "write_resource");
        return c;
    }

    public static ObjectNode fungibleStore(String metadata, String balance) {
        ObjectNode d = AptosNodeStub.JSON.createObjectNode();
        d.put("balance", balance);
        d.put("frozen", false);
        d.putObject("metadata").put("inner", metadata);
        return resource("0x1::fungible_asset::FungibleStore", d);
    }

    public static ObjectNode objectCore(String owner) {
        ObjectNode d = AptosNodeStub.JSON.createObjectNode();
        d.put("allow_ungated_transfer", false);
        d.put("guid_creation_num", "1125899906842625");
        d.put("owner", owner);
        ObjectNode te = d.putObject("transfer_events");
        te.put("counter", "0");
        te.putObject("guid").putObject("id").put("addr", owner).put("creation_num", "1125899906842624");
        return resource("0x1::object::ObjectCore", d);
    }

    public static ObjectNode coinStore(String account, String coinType, String value, String depositCreationNumber) {
        ObjectNode d = AptosNodeStub.JSON.createObjectNode();
        d.putObject("coin").put("value", value);
        d.put("frozen", false);
        ObjectNode de = d.putObject("deposit_events");
        de.put("counter", "5");
        de.putObject("guid").putObject("id").put("addr", account).put("creation_num", depositCreationNumber);
        ObjectNode we = d.putObject("withdraw_events");
        we.put("counter", "2");
        we.putObject("guid").putObject("id").put("addr", account)
                .put("creation_num", Long.toString(Long.parseLong(depositCreationNumber) + 1));
        return resource("0x1::coin::CoinStore<" + coinType + ">", d);
    }

    /** The write set of an FA deposit: the store's resource group holds both its FungibleStore and its ObjectCore. */
    public static ArrayNode storeWrites(String store, String metadata, String balance, String owner) {
        return list(writeResource(store, fungibleStore(metadata, balance)), writeResource(store, objectCore(owner)));
    }
}
