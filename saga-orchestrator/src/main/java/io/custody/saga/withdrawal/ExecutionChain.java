package io.custody.saga.withdrawal;

import io.custody.chain.Asset;
import io.custody.chain.evm.EvmAdapter;
import java.util.Map;
import java.util.Optional;

/**
 * The EVM chain withdrawals are executed on and deposits are watched on, with the tokens it knows by symbol (base
 * units throughout; the native coin is {@code nativeSymbol}). Supplied by the assembly: a configured RPC endpoint, or
 * the local development node. (A token registry with decimals per chain is the chain gateway's to own; this map is
 * the smallest thing the sagas need until it lands.)
 */
public record ExecutionChain(EvmAdapter adapter, String nativeSymbol, Map<String, Asset> tokens) {

    public ExecutionChain {
        tokens = Map.copyOf(tokens);
    }

    public Optional<Asset> asset(String symbol) {
        if (nativeSymbol.equals(symbol)) {
            return Optional.of(Asset.nativeCoin());
        }
        return Optional.ofNullable(tokens.get(symbol));
    }

    /** The symbol of a watched asset, for the deposit it arrives in. */
    public Optional<String> symbol(Asset asset) {
        if (asset instanceof Asset.Native) {
            return Optional.of(nativeSymbol);
        }
        return tokens.entrySet().stream().filter(e -> e.getValue().equals(asset)).map(Map.Entry::getKey).findFirst();
    }
}
