package io.custody.chain.aptos;

import com.fasterxml.jackson.databind.JsonNode;
import io.custody.chain.Asset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a watch looks for, in the two forms an Aptos deposit can take: a coin type (legacy {@code CoinStore} events)
 * and a fungible-asset metadata address ({@code 0x1::fungible_asset::Deposit}). APT is both {@code AptosCoin} and
 * the metadata object at {@code 0xa}; any other coin is paired with the metadata the framework's
 * {@code 0x1::coin::paired_metadata} view reports once it has been migrated, so both event kinds count for it.
 * A bare fungible asset is given as {@link Asset.Token} whose "contract" is its metadata object address.
 */
final class WatchedAssets {

    static final AptosAddress APT_METADATA = NodeJson.address("0xa", "constant");

    private final Map<String, Asset> byCoinType = new HashMap<>();
    private final Map<AptosAddress, Asset> byMetadata = new HashMap<>();
    private final Set<String> unpairedCoinTypes = new HashSet<>();

    WatchedAssets(Set<Asset> assets) {
        if (assets.isEmpty()) {
            throw new IllegalArgumentException("watch at least one asset");
        }
        for (Asset a : assets) {
            if (a instanceof Asset.Token t) {
                byMetadata.putIfAbsent(AptosAddress.of(t.contract()), a);
            } else if (a instanceof Asset.CoinType c) {
                String type = MoveTypeNames.canonical(c.moveType());
                byCoinType.putIfAbsent(type, a);
                unpairedCoinTypes.add(type);
            }
        }
        // Native is put last so that it wins over an explicit CoinType(AptosCoin) given alongside it.
        if (assets.stream().anyMatch(a -> a instanceof Asset.Native)) {
            byCoinType.put(MoveTypeNames.canonical(AptosAdapter.APT), Asset.nativeCoin());
            byMetadata.put(APT_METADATA, Asset.nativeCoin());
            unpairedCoinTypes.remove(MoveTypeNames.canonical(AptosAdapter.APT));
        }
    }

    Optional<Asset> coin(String moveType) {
        return Optional.ofNullable(byCoinType.get(MoveTypeNames.canonical(moveType)));
    }

    Optional<Asset> fungible(AptosAddress metadata) {
        return Optional.ofNullable(byMetadata.get(metadata));
    }

    Set<String> coinTypes() {
        return byCoinType.keySet();
    }

    /**
     * Learns the paired metadata of every watched coin not yet known to be paired. Called after the poll has read
     * the head: pairing is permanent and its address never changes, so a pairing visible now covers every block up
     * to that head, and a coin paired later is picked up by a later poll before its blocks are scanned.
     */
    void refreshPairings(AptosRestClient rest) {
        for (var it = unpairedCoinTypes.iterator(); it.hasNext(); ) {
            String type = it.next();
            JsonNode r = rest.pairedMetadata(type);
            if (!r.isArray() || r.size() != 1 || !r.get(0).isObject()) {
                throw NodeJson.malformed("paired_metadata<" + type + ">", "expected one Option value: " + r);
            }
            JsonNode vec = NodeJson.array(r.get(0), "vec", "paired_metadata<" + type + ">");
            if (vec.size() > 1) {
                throw NodeJson.malformed("paired_metadata<" + type + ">", "an Option holds at most one value");
            }
            if (vec.size() == 1) {
                AptosAddress metadata = NodeJson.address(vec.get(0), "inner", "paired_metadata<" + type + ">");
                byMetadata.putIfAbsent(metadata, byCoinType.get(type));
                it.remove();
            }
        }
    }
}
