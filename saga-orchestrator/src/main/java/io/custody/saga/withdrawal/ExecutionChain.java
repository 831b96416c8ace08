package io.custody.saga.withdrawal;

import io.custody.chain.Asset;
import io.custody.chain.evm.EvmAdapter;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The EVM chain withdrawals are executed on and deposits are watched on, with the gateway's {@link TokenRegistry}
 * naming the assets the application handles there: a symbol (the {@code TokenId} of commands and events) resolves to
 * exactly one on-chain asset with known decimals, and a deposit's asset back to its symbol. Amounts stay integers in
 * base units throughout. Supplied by the assembly: a configured RPC endpoint, or the local development node.
 */
public record ExecutionChain(EvmAdapter adapter, TokenRegistry tokens) {

    public ExecutionChain {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** The registered token of this chain with that symbol (case-insensitive), if any. */
    public Optional<RegisteredToken> token(String symbol) {
        return tokens.bySymbol(adapter.chain(), symbol);
    }

    public Optional<Asset> asset(String symbol) {
        return token(symbol).map(RegisteredToken::asset);
    }

    /** The symbol of a watched asset, for the deposit it arrives in. */
    public Optional<String> symbol(Asset asset) {
        return tokens.byAsset(adapter.chain(), asset).map(RegisteredToken::symbol);
    }

    /** Every asset registered on this chain: what the deposit watch looks for. */
    public Set<Asset> assets() {
        return tokens.assetsOn(adapter.chain());
    }
}
