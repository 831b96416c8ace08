package io.custody.chain.token;

import io.custody.chain.Asset;
import io.custody.chain.ChainException;
import io.custody.chain.ChainRef;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The assets the gateway handles, per chain, by symbol and by on-chain identity. Replaces free-form token strings at
 * the gateway boundary: a symbol resolves to exactly one {@link Asset} with known decimals on a given chain, or is
 * refused. Immutable; built from configuration at start-up. A symbol and an asset are each unique per chain.
 */
public final class TokenRegistry {

    private final Map<String, RegisteredToken> bySymbol = new LinkedHashMap<>();
    private final Map<String, RegisteredToken> byAsset = new LinkedHashMap<>();

    public TokenRegistry(Collection<RegisteredToken> tokens) {
        for (RegisteredToken t : tokens) {
            if (bySymbol.putIfAbsent(symbolKey(t.chain(), t.symbol()), t) != null) {
                throw new IllegalArgumentException("symbol " + t.symbol() + " registered twice on " + t.chain());
            }
            if (byAsset.putIfAbsent(assetKey(t.chain(), t.asset()), t) != null) {
                throw new IllegalArgumentException(t.asset() + " registered twice on " + t.chain());
            }
        }
    }

    public static TokenRegistry of(RegisteredToken... tokens) {
        return new TokenRegistry(List.of(tokens));
    }

    public Optional<RegisteredToken> bySymbol(ChainRef chain, String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbolKey(chain, symbol)));
    }

    /** The token, or {@code ChainException(UNSUPPORTED)} naming the symbol and chain. */
    public RegisteredToken require(ChainRef chain, String symbol) {
        return bySymbol(chain, symbol).orElseThrow(() -> new ChainException(ChainException.Code.UNSUPPORTED,
                "no token " + symbol + " is registered on " + chain.family() + " " + chain.networkId()));
    }

    /** Which registered token an on-chain asset (e.g. of a deposit) is, if any. */
    public Optional<RegisteredToken> byAsset(ChainRef chain, Asset asset) {
        return Optional.ofNullable(byAsset.get(assetKey(chain, asset)));
    }

    public List<RegisteredToken> tokensOn(ChainRef chain) {
        return bySymbol.values().stream().filter(t -> t.chain().equals(chain)).toList();
    }

    /** The assets to watch for deposits on a chain. */
    public Set<Asset> assetsOn(ChainRef chain) {
        Set<Asset> out = new LinkedHashSet<>();
        tokensOn(chain).forEach(t -> out.add(t.asset()));
        return out;
    }

    private static String symbolKey(ChainRef chain, String symbol) {
        return chain.family() + ":" + chain.networkId() + ":" + symbol.toUpperCase(Locale.ROOT);
    }

    /** EVM addresses compare case-insensitively (checksum casing is presentation). */
    private static String assetKey(ChainRef chain, Asset asset) {
        String id;
        if (asset instanceof Asset.Token t) {
            id = "token:" + t.contract().value().toLowerCase(Locale.ROOT);
        } else if (asset instanceof Asset.CoinType c) {
            id = "coin:" + c.moveType();
        } else {
            id = "native";
        }
        return chain.family() + ":" + chain.networkId() + ":" + id;
    }
}
