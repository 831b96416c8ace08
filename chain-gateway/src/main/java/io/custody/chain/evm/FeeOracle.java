package io.custody.chain.evm;

import io.custody.chain.ChainException;
import io.custody.chain.rpc.FailoverRpc;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;

/**
 * Prices a transaction from the node's view: for EIP-1559, {@code maxFee = 2 * baseFee + tip} so it survives several
 * full blocks of base-fee growth; for legacy, the node's gas price. Both are bounded by the chain's caps.
 */
public final class FeeOracle {

    private final EvmChain chain;
    private final FailoverRpc rpc;

    public FeeOracle(EvmChain chain, FailoverRpc rpc) {
        this.chain = chain;
        this.rpc = rpc;
    }

    public FeeQuote quote() {
        if (!chain.eip1559()) {
            BigInteger gasPrice = ok(rpc.call(w -> w.ethGasPrice().send())).getGasPrice();
            return capped(new FeeQuote(gasPrice, gasPrice.min(chain.maxPriorityFeePerGasCap())), gasPrice);
        }
        BigInteger baseFee = rpc.call(w -> w.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send())
                .getBlock().getBaseFeePerGas();
        BigInteger tip = ok(rpc.call(w -> w.ethMaxPriorityFeePerGas().send())).getMaxPriorityFeePerGas()
                .min(chain.maxPriorityFeePerGasCap());
        return capped(new FeeQuote(baseFee.shiftLeft(1).add(tip), tip), baseFee.add(tip));
    }

    /** Applies the caps; refuses when even the capped price cannot pay the minimum the block needs. */
    FeeQuote capped(FeeQuote q, BigInteger minimumNeeded) {
        BigInteger maxFee = q.maxFeePerGas().min(chain.maxFeePerGasCap());
        if (maxFee.compareTo(minimumNeeded) < 0) {
            throw new ChainException(ChainException.Code.FEE_CAP_EXCEEDED,
                    "network needs " + minimumNeeded + " wei/gas, cap for " + chain.name() + " is " + chain.maxFeePerGasCap());
        }
        return new FeeQuote(maxFee, q.maxPriorityFeePerGas().min(maxFee));
    }

    /** A replacement must stay within the caps too, or it would silently overpay. */
    FeeQuote checkWithinCap(FeeQuote q) {
        if (q.maxFeePerGas().compareTo(chain.maxFeePerGasCap()) > 0) {
            throw new ChainException(ChainException.Code.FEE_CAP_EXCEEDED,
                    "replacement would pay " + q.maxFeePerGas() + " wei/gas, above the cap of " + chain.maxFeePerGasCap());
        }
        return q;
    }

    static <R extends Response<?>> R ok(R r) {
        if (r.hasError()) {
            throw new ChainException(ChainException.Code.REJECTED_BY_NODE, r.getError().getMessage());
        }
        return r;
    }
}
