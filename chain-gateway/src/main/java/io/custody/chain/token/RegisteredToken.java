package io.custody.chain.token;

import io.custody.chain.Amount;
import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;
import io.custody.chain.ChainRef;
import io.custody.chain.TransferRequest;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One asset the custody platform handles on one chain: its symbol there, what identifies it on chain (the native
 * coin, an ERC-20 contract, an Aptos coin type or fungible asset) and its decimals. Decimals belong to the chain, not
 * the symbol: USDT has 6 on Ethereum and 18 on BNB Smart Chain. Amounts stay integers in base units; the conversions
 * here are for people and configuration only and refuse anything that is not an exact number of base units.
 */
public record RegisteredToken(ChainRef chain, String symbol, Asset asset, int decimals) {

    /** Symbols are upper-cased; letters, digits and dots, 1 to 16 characters. */
    public RegisteredToken {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(asset, "asset");
        if (symbol == null || !symbol.toUpperCase(Locale.ROOT).matches("[A-Z0-9.]{1,16}")) {
            throw new IllegalArgumentException("token symbol must be 1-16 letters or digits: " + symbol);
        }
        symbol = symbol.toUpperCase(Locale.ROOT);
        if (decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException("decimals must be between 0 and 36: " + decimals);
        }
    }

    public static RegisteredToken nativeCoin(ChainRef chain, String symbol, int decimals) {
        return new RegisteredToken(chain, symbol, Asset.nativeCoin(), decimals);
    }

    /** {@code units} whole tokens (e.g. 1.5 USDT) in base units (1 500 000); refuses sub-base-unit precision. */
    public Amount toBaseUnits(BigDecimal units) {
        Objects.requireNonNull(units, "units");
        try {
            return Amount.of(units.movePointRight(decimals).toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(units.toPlainString() + " " + symbol + " is not a whole number of base units ("
                    + decimals + " decimals)");
        }
    }

    /** A transfer of this token in base units. */
    public TransferRequest transfer(ChainAddress from, ChainAddress to, Amount amount) {
        return new TransferRequest(from, to, asset, amount);
    }

    /** Base units as whole tokens, exact (for display). */
    public BigDecimal toUnits(Amount amount) {
        return new BigDecimal(amount.baseUnits(), decimals).stripTrailingZeros();
    }
}
