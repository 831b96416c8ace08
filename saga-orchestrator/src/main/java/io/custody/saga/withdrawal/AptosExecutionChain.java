package io.custody.saga.withdrawal;

import io.custody.chain.Asset;
import io.custody.chain.aptos.AptosAdapter;
import io.custody.chain.aptos.AptosChain;
import io.custody.chain.aptos.AptosRestClient;
import io.custody.chain.token.RegisteredToken;
import io.custody.chain.token.TokenRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Aptos network withdrawals of Aptos wallets are executed on and their deposits watched on: the gateway's adapter
 * (transactions, sequence numbers in PostgreSQL), its REST client (ledger info: the head block and the ledger's clock,
 * which decides when a transaction has expired) and the token registry of that network (APT at least).
 */
public record AptosExecutionChain(AptosChain network, AptosAdapter adapter, AptosRestClient rest,
                                  TokenRegistry tokens) {

    public AptosExecutionChain {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(tokens, "tokens");
    }

    /** The journal's and the sender lock's name of this network: never equal to an EVM chain's. */
    public String journalChain() {
        return "aptos:" + network.chainId();
    }

    public Optional<RegisteredToken> token(String symbol) {
        return tokens.bySymbol(adapter.chain(), symbol);
    }

    public Optional<Asset> asset(String symbol) {
        return token(symbol).map(RegisteredToken::asset);
    }

    public Optional<String> symbol(Asset asset) {
        return tokens.byAsset(adapter.chain(), asset).map(RegisteredToken::symbol);
    }

    public Set<Asset> assets() {
        return tokens.assetsOn(adapter.chain());
    }
}
