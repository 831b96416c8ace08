package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.Deposit;
import io.custody.chain.TxHash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one committed transaction (REST JSON) into the deposits it made to watched owners. Three event shapes carry a
 * deposit:
 * <ul>
 *   <li>{@code 0x1::coin::CoinDeposit} (module event): names account, coin type and amount itself;</li>
 *   <li>{@code 0x1::coin::DepositEvent} (handle event): names only the amount; the account is the event handle's
 *       creator and the coin type is that of the {@code CoinStore<T>} whose {@code deposit_events} handle has the
 *       event's creation number, read from the transaction's write set;</li>
 *   <li>{@code 0x1::fungible_asset::Deposit}: names a store object; its asset is the store's
 *       {@code FungibleStore.metadata} and its owner the store's {@code ObjectCore.owner}, read from the write set or,
 *       when absent there, from the node at the transaction's version; early framework versions announced the same
 *       with the handle event {@code 0x1::fungible_asset::DepositEvent} from the store's own event handle.</li>
 * </ul>
 * The framework emits a {@code CoinDeposit} and a {@code DepositEvent} for the same coin deposit while the module
 * event migration runs, so a handle event that repeats a module event of the same transaction (same account, coin
 * and amount; or same store and amount) is not counted again. Failed transactions are skipped whole: Move aborts discard their deposit events,
 * and nothing a failed transaction reports moved money.
 */
final class DepositDecoder {

    private static final String COIN_DEPOSIT = MoveTypeNames.canonical("0x1::coin::CoinDeposit");
    private static final String LEGACY_DEPOSIT = MoveTypeNames.canonical("0x1::coin::DepositEvent");
    private static final String FA_DEPOSIT = MoveTypeNames.canonical("0x1::fungible_asset::Deposit");
    private static final String FA_LEGACY_DEPOSIT = MoveTypeNames.canonical("0x1::fungible_asset::DepositEvent");
    private static final String COIN_STORE = MoveTypeNames.canonical("0x1::coin::CoinStore") + "<";
    private static final String FUNGIBLE_STORE = "0x1::fungible_asset::FungibleStore";
    private static final String OBJECT_CORE = "0x1::object::ObjectCore";

    private final Set<AptosAddress> watched;
    private final WatchedAssets assets;
    private final AptosRestClient rest;

    DepositDecoder(Set<AptosAddress> watched, WatchedAssets assets, AptosRestClient rest) {
        this.watched = watched;
        this.assets = assets;
        this.rest = rest;
    }

    List<Deposit> decode(JsonNode tx, long blockHeight, String blockHash) {
        long version = NodeJson.u64AsLong(tx, "version", "transaction");
        String where = "transaction " + version;
        String type = NodeJson.text(tx, "type", where);
        if ("pending_transaction".equals(type)) {
            throw NodeJson.malformed(where, "a pending transaction inside a committed block");
        }
        if (!NodeJson.bool(tx, "success", where)) {
            return List.of();
        }
        JsonNode events = tx.get("events");
        if (events == null) {
            return List.of(); // state checkpoints and block epilogues carry no events
        }
        if (!events.isArray()) {
            throw NodeJson.malformed(where, "events is not an array");
        }
        WriteSet writes = new WriteSet(tx, where);
        List<Found> found = new ArrayList<>();
        Map<String, Integer> moduleDeposits = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (!e.isObject()) {
                throw NodeJson.malformed(where, "event " + i + " is not an object");
            }
            String eventType = MoveTypeNames.canonical(NodeJson.text(e, "type", where + " event " + i));
            String at = where + " event " + i + " (" + eventType + ")";
            if (eventType.equals(COIN_DEPOSIT)) {
                JsonNode data = NodeJson.object(e, "data", at);
                AptosAddress account = NodeJson.address(data, "account", at);
                String coinType = MoveTypeNames.canonical(NodeJson.text(data, "coin_type", at));
                BigInteger amount = NodeJson.u64(data, "amount", at);
                moduleDeposits.merge(coinKey(account, coinType, amount), 1, Integer::sum);
                Optional<Asset> asset = assets.coin(coinType);
                if (watched.contains(account) && asset.isPresent()) {
                    found.add(new Found(i, account, asset.get(), amount, null));
                }
            } else if (eventType.equals(LEGACY_DEPOSIT)) {
                JsonNode guid = NodeJson.object(e, "guid", at);
                AptosAddress account = NodeJson.address(guid, "account_address", at);
                if (!watched.contains(account)) {
                    continue;
                }
                BigInteger creation = NodeJson.u64(guid, "creation_number", at);
                BigInteger amount = NodeJson.u64(NodeJson.object(e, "data", at), "amount", at);
                String coinType = writes.coinStoreType(account, creation, at);
                Optional<Asset> asset = assets.coin(coinType);
                if (asset.isPresent()) {
                    found.add(new Found(i, account, asset.get(), amount, coinKey(account, coinType, amount)));
                }
            } else if (eventType.equals(FA_DEPOSIT) || eventType.equals(FA_LEGACY_DEPOSIT)) {
                boolean legacy = eventType.equals(FA_LEGACY_DEPOSIT);
                // The legacy handle lives in the store's FungibleAssetEvents, so its creator is the store itself.
                AptosAddress store = legacy
                        ? NodeJson.address(NodeJson.object(e, "guid", at), "account_address", at)
                        : NodeJson.address(NodeJson.object(e, "data", at), "store", at);
                BigInteger amount = NodeJson.u64(NodeJson.object(e, "data", at), "amount", at);
                String storeKey = "fa|" + store + "|" + amount;
                if (!legacy) {
                    moduleDeposits.merge(storeKey, 1, Integer::sum);
                }
                if (amount.signum() == 0) {
                    continue;
                }
                JsonNode fungibleStore = writes.resource(store, FUNGIBLE_STORE)
                        .orElseGet(() -> atVersion(store, FUNGIBLE_STORE, version, at));
                AptosAddress metadata = NodeJson.address(NodeJson.object(fungibleStore, "metadata", at), "inner", at);
                Optional<Asset> asset = assets.fungible(metadata);
                if (asset.isEmpty()) {
                    continue;
                }
                JsonNode objectCore = writes.resource(store, OBJECT_CORE)
                        .orElseGet(() -> atVersion(store, OBJECT_CORE, version, at));
                AptosAddress owner = NodeJson.address(objectCore, "owner", at);
                if (watched.contains(owner)) {
                    found.add(new Found(i, owner, asset.get(), amount, legacy ? storeKey : null));
                }
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        TxHash hash;
        try {
            hash = new TxHash(NodeJson.text(tx, "hash", where));
        } catch (IllegalArgumentException ex) {
            throw NodeJson.malformed(where, ex.getMessage());
        }
        ChainAddress from = "user_transaction".equals(type) ? NodeJson.address(tx, "sender", where).toChainAddress() : null;
        List<Deposit> out = new ArrayList<>();
        for (Found f : found) {
            if (f.legacyKey != null && moduleDeposits.getOrDefault(f.legacyKey, 0) > 0) {
                moduleDeposits.merge(f.legacyKey, -1, Integer::sum);
                continue;
            }
            if (f.amount.signum() == 0) {
                continue;
            }
            out.add(new Deposit(hash, f.eventIndex, f.owner.toChainAddress(), from, f.asset, Amount.of(f.amount),
                    blockHeight, blockHash));
        }
        return out;
    }

    /** The store was not in the write set; its state at this version is authoritative and cannot change later. */
    private JsonNode atVersion(AptosAddress store, String type, long version, String at) {
        JsonNode r = rest.resource(store, type, version).orElseThrow(() -> NodeJson.malformed(at,
                "store " + store + " has no " + type + " at version " + version + ", cannot attribute the deposit"));
        return NodeJson.object(r, "data", at + " resource " + type);
    }

    private static String coinKey(AptosAddress account, String coinType, BigInteger amount) {
        return "coin|" + account + "|" + coinType + "|" + amount;
    }

    private record Found(int eventIndex, AptosAddress owner, Asset asset, BigInteger amount, String legacyKey) {
    }

    /** The transaction's {@code write_resource} changes, indexed by address and canonical type. */
    private static final class WriteSet {
        private final Map<AptosAddress, Map<String, JsonNode>> resources = new HashMap<>();

        WriteSet(JsonNode tx, String where) {
            JsonNode changes = tx.get("changes");
            if (changes == null) {
                return;
            }
            if (!changes.isArray()) {
                throw NodeJson.malformed(where, "changes is not an array");
            }
            for (JsonNode c : changes) {
                if (!"write_resource".equals(c.path("type").asText())) {
                    continue;
                }
                String at = where + " change";
                AptosAddress address = NodeJson.address(c, "address", at);
                JsonNode data = NodeJson.object(c, "data", at);
                String type = MoveTypeNames.canonical(NodeJson.text(data, "type", at));
                resources.computeIfAbsent(address, a -> new HashMap<>()).put(type, NodeJson.object(data, "data", at + " " + type));
            }
        }

        Optional<JsonNode> resource(AptosAddress address, String type) {
            return Optional.ofNullable(resources.getOrDefault(address, Map.of()).get(MoveTypeNames.canonical(type)));
        }

        /** A coin deposit always rewrites its CoinStore (balance and event counter), so the store is in the write set. */
        String coinStoreType(AptosAddress account, BigInteger creationNumber, String at) {
            for (Map.Entry<String, JsonNode> r : resources.getOrDefault(account, Map.of()).entrySet()) {
                if (!r.getKey().startsWith(COIN_STORE) || !r.getKey().endsWith(">")) {
                    continue;
                }
                JsonNode id = r.getValue().path("deposit_events").path("guid").path("id");
                if (id.isMissingNode()) {
                    throw NodeJson.malformed(at, r.getKey() + " has no deposit_events.guid.id");
                }
                if (NodeJson.u64(id, "creation_num", at).equals(creationNumber)
                        && NodeJson.address(id, "addr", at).equals(account)) {
                    return r.getKey().substring(COIN_STORE.length(), r.getKey().length() - 1);
                }
            }
            throw NodeJson.malformed(at, "no CoinStore of " + account + " owns deposit handle " + creationNumber);
        }
    }
}
