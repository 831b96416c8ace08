package io.custody.chain;

import java.util.Objects;

/** What is moved: the chain's native coin, or a token identified by its contract (or Aptos coin type). */
public sealed interface Asset {

    record Native() implements Asset {
    }

    record Token(ChainAddress contract) implements Asset {
        public Token {
            Objects.requireNonNull(contract, "contract");
        }
    }

    /** An Aptos coin identified by its Move type tag, e.g. {@code 0x1::aptos_coin::AptosCoin}. */
    record CoinType(String moveType) implements Asset {
        public CoinType {
            if (moveType == null || !moveType.contains("::")) {
                throw new IllegalArgumentException("not a Move type: " + moveType);
            }
        }
    }

    static Asset nativeCoin() {
        return new Native();
    }
}
