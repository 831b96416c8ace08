package io.custody.chain.aptos;

import io.custody.chain.ChainRef;
import java.time.Duration;

/** One Aptos network: its one-byte chain id, the gas budget per transfer, and how long a transaction stays valid. */
public record AptosChain(String name, int chainId, long maxGasAmount, Duration expiry) {

    public AptosChain {
        if (chainId < 0 || chainId > 255) {
            throw new IllegalArgumentException("Aptos chain ids are one byte");
        }
    }

    public static final AptosChain MAINNET = new AptosChain("aptos-mainnet", 1, 2000, Duration.ofSeconds(600));
    public static final AptosChain TESTNET = new AptosChain("aptos-testnet", 2, 2000, Duration.ofSeconds(600));

    public ChainRef ref() {
        return new ChainRef(ChainRef.ChainFamily.APTOS, Integer.toString(chainId));
    }
}
