package io.custody.chain.evm;

import io.custody.chain.ChainRef;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One EVM network: its chain id, how many blocks make a transfer final enough to credit, the most we will ever pay
 * per gas, whether it takes EIP-1559 (type 2) transactions or needs legacy EIP-155 ones, and which block tag (if any)
 * must also cover a block before anything in it counts as final.
 */
public record EvmChain(String name, long chainId, int confirmations, BigInteger maxFeePerGasCap,
                       BigInteger maxPriorityFeePerGasCap, boolean eip1559, Finality finality) {

    /**
     * What, besides the confirmation depth, makes a block final. With {@code SAFE} or {@code FINALIZED} a block
     * counts as final only when it is at the depth <em>and</em> at or below the block the node reports for that
     * tag, so a chain with real finality is never credited early and a misconfigured depth cannot undercut it.
     * {@code DEPTH} alone is for chains (and development nodes such as Hardhat) whose tags mean nothing.
     */
    public enum Finality {
        DEPTH(null), SAFE("safe"), FINALIZED("finalized");

        private final String tag;

        Finality(String tag) {
            this.tag = tag;
        }

        /** The JSON-RPC block tag, or null for {@code DEPTH}. */
        public String tag() {
            return tag;
        }
    }

    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    /** A chain whose finality is the confirmation depth alone. */
    public EvmChain(String name, long chainId, int confirmations, BigInteger maxFeePerGasCap,
                    BigInteger maxPriorityFeePerGasCap, boolean eip1559) {
        this(name, chainId, confirmations, maxFeePerGasCap, maxPriorityFeePerGasCap, eip1559, Finality.DEPTH);
    }

    public EvmChain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(finality, "finality");
        if (chainId <= 0 || confirmations < 1) {
            throw new IllegalArgumentException("chainId must be positive and confirmations at least 1");
        }
        if (maxFeePerGasCap.signum() <= 0 || maxPriorityFeePerGasCap.signum() < 0
                || maxPriorityFeePerGasCap.compareTo(maxFeePerGasCap) > 0) {
            throw new IllegalArgumentException("need 0 <= priority cap <= fee cap, fee cap > 0");
        }
    }

    // Depths follow common exchange practice for each network's reorg history; caps bound a runaway fee market.
    // Tags (ADR chain-008): Ethereum's finalized checkpoint; Polygon PoS milestones and BSC fast finality both back
    // "finalized"; on Base "safe" means the batch is posted to L1 (finalized would wait for L1 finality, ~20 min).
    public static final EvmChain ETHEREUM = new EvmChain("ethereum", 1, 12, gwei(500), gwei(20), true, Finality.FINALIZED);
    public static final EvmChain POLYGON = new EvmChain("polygon", 137, 128, gwei(3000), gwei(500), true, Finality.FINALIZED);
    public static final EvmChain BSC = new EvmChain("bsc", 56, 15, gwei(50), gwei(5), false, Finality.FINALIZED);
    public static final EvmChain BASE = new EvmChain("base", 8453, 10, gwei(50), gwei(5), true, Finality.SAFE);
    /** Hardhat's development chain; 3 confirmations keeps reorg tests meaningful without long mining. */
    public static final EvmChain LOCAL = new EvmChain("local", 31337, 3, gwei(1000), gwei(100), true);

    public ChainRef ref() {
        return new ChainRef(ChainRef.ChainFamily.EVM, Long.toString(chainId));
    }

    public EvmChain withConfirmations(int depth) {
        return new EvmChain(name, chainId, depth, maxFeePerGasCap, maxPriorityFeePerGasCap, eip1559, finality);
    }

    public EvmChain legacy() {
        return new EvmChain(name, chainId, confirmations, maxFeePerGasCap, maxPriorityFeePerGasCap, false, finality);
    }

    public EvmChain withFinality(Finality f) {
        return new EvmChain(name, chainId, confirmations, maxFeePerGasCap, maxPriorityFeePerGasCap, eip1559, f);
    }

    static BigInteger gwei(long n) {
        return BigInteger.valueOf(n).multiply(GWEI);
    }
}
