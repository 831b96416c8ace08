package io.custody.chain.evm;

import io.custody.chain.ChainRef;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One EVM network: its chain id, how many blocks make a transfer final enough to credit, the most we will ever pay
 * per gas, and whether it takes EIP-1559 (type 2) transactions or needs legacy EIP-155 ones.
 */
public record EvmChain(String name, long chainId, int confirmations, BigInteger maxFeePerGasCap,
                       BigInteger maxPriorityFeePerGasCap, boolean eip1559) {

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    public EvmChain {
        Objects.requireNonNull(name, "name");
        if (chainId <= 0 || confirmations < 1) {
            throw new IllegalArgumentException("chainId must be positive and confirmations at least 1");
        }
        if (maxFeePerGasCap.signum() <= 0 || maxPriorityFeePerGasCap.signum() < 0
                || maxPriorityFeePerGasCap.compareTo(maxFeePerGasCap) > 0) {
            throw new IllegalArgumentException("need 0 <= priority cap <= fee cap, fee cap > 0");
        }
    }

    // Depths follow common exchange practice for each network's reorg history; caps bound a runaway fee market.
    public static final EvmChain ETHEREUM = new EvmChain("ethereum", 1, 12, gwei(500), gwei(20), true);
    public static final EvmChain POLYGON = new EvmChain("polygon", 137, 128, gwei(3000), gwei(500), true);
    public static final EvmChain BSC = new EvmChain("bsc", 56, 15, gwei(50), gwei(5), false);
    public static final EvmChain BASE = new EvmChain("base", 8453, 10, gwei(50), gwei(5), true);
    /** Hardhat's development chain; 3 confirmations keeps reorg tests meaningful without long mining. */
    public static final EvmChain LOCAL = new EvmChain("local", 31337, 3, gwei(1000), gwei(100), true);

    public ChainRef ref() {
        return new ChainRef(ChainRef.ChainFamily.EVM, Long.toString(chainId));
    }

    public EvmChain withConfirmations(int depth) {
        return new EvmChain(name, chainId, depth, maxFeePerGasCap, maxPriorityFeePerGasCap, eip1559);
    }

    public EvmChain legacy() {
        return new EvmChain(name, chainId, confirmations, maxFeePerGasCap, maxPriorityFeePerGasCap, false);
    }

    static BigInteger gwei(long n) {
        return BigInteger.valueOf(n).multiply(GWEI);
    }
}
