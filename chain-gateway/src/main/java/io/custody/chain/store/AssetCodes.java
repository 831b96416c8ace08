package io.custody.chain.store;

import io.custody.chain.Asset;
import io.custody.chain.ChainAddress;

/** The text form of an {@link Asset} in stored state: {@code native}, {@code token:<address>}, {@code coin:<move type>}. */
final class AssetCodes {

    private AssetCodes() {
    }

    static String encode(Asset a) {
        if (a instanceof Asset.Native) {
            return "native";
        }
        if (a instanceof Asset.Token t) {
            return "token:" + t.contract().value();
        }
        if (a instanceof Asset.CoinType c) {
            return "coin:" + c.moveType();
        }
        throw new IllegalArgumentException("no code for " + a);
    }

    static Asset decode(String s) {
        if (s.equals("native")) {
            return Asset.nativeCoin();
        }
        if (s.startsWith("token:")) {
            return new Asset.Token(new ChainAddress(s.substring(6)));
        }
        if (s.startsWith("coin:")) {
            return new Asset.CoinType(s.substring(5));
        }
        throw new IllegalStateException("unknown stored asset code " + s);
    }
}
