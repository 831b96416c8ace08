package io.custody.saga.withdrawal;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * When a withdrawal's transaction that waits in the pool is replaced by the same transaction with higher fees, and
 * the check that a replacement is nothing else. The check runs on the bytes the MPC cluster is about to sign, against
 * the first version's journaled bytes: a replacement may differ from it only in its fees, which must rise by at least
 * the 10% nodes require to take a replacement into their pool; nonce, chain, recipient, value, data and gas limit are
 * the approved transaction's. Since every version has the nonce of the first, at most one of them is ever mined.
 *
 * @param after     how long the chain must have known the version being sent, still unmined, before it is replaced
 * @param maxVersions the most versions a withdrawal's transaction has (the first included); then it waits as it is
 */
public record FeeReplacement(Duration after, int maxVersions) {

    /** Five minutes in the pool, at most four replacements. */
    public static final FeeReplacement DEFAULT = new FeeReplacement(Duration.ofMinutes(5), 5);

    /** Nodes (geth's default price bump) take a same-nonce transaction only when both fee caps rise by 10%. */
    private static final BigInteger MIN_BUMP_PERCENT = BigInteger.valueOf(110);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    public FeeReplacement {
        Objects.requireNonNull(after, "after");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a replacement needs a positive wait, not " + after);
        }
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be at least 1, not " + maxVersions);
        }
    }

    /**
     * Why {@code replacement} is not {@code original} with higher fees, or {@code null} when it is. Both are unsigned
     * EIP-1559 or legacy payloads as the gateway builds them.
     */
    public static String problem(byte[] original, byte[] replacement) {
        RawTransaction a;
        RawTransaction b;
        try {
            a = TransactionDecoder.decode(Numeric.toHexString(original));
            b = TransactionDecoder.decode(Numeric.toHexString(replacement));
        } catch (RuntimeException e) {
            return "the replacement is not a transaction: " + e.getClass().getSimpleName();
        }
        if (a.getType() != b.getType()) {
            return "the replacement is of transaction type " + b.getType() + ", the original of " + a.getType();
        }
        if (!a.getNonce().equals(b.getNonce())) {
            return "the replacement has nonce " + b.getNonce() + ", the original " + a.getNonce();
        }
        if (!address(a.getTo()).equals(address(b.getTo()))) {
            return "the replacement goes to " + b.getTo() + ", the original to " + a.getTo();
        }
        if (!a.getValue().equals(b.getValue())) {
            return "the replacement sends " + b.getValue() + ", the original " + a.getValue();
        }
        if (!data(a.getData()).equals(data(b.getData()))) {
            return "the replacement carries other data than the original";
        }
        if (!a.getGasLimit().equals(b.getGasLimit())) {
            return "the replacement has gas limit " + b.getGasLimit() + ", the original " + a.getGasLimit();
        }
        if (a.getTransaction() instanceof Transaction1559 x && b.getTransaction() instanceof Transaction1559 y) {
            if (x.getChainId() != y.getChainId()) {
                return "the replacement is for chain " + y.getChainId() + ", the original for " + x.getChainId();
            }
            if (!bumped(x.getMaxFeePerGas(), y.getMaxFeePerGas())
                    || !bumped(x.getMaxPriorityFeePerGas(), y.getMaxPriorityFeePerGas())) {
                return "the replacement does not raise both fee caps by at least 10%";
            }
            return null;
        }
        return bumped(a.getGasPrice(), b.getGasPrice()) ? null
                : "the replacement does not raise the gas price by at least 10%";
    }

    private static boolean bumped(BigInteger before, BigInteger after) {
        return after.multiply(HUNDRED).compareTo(before.multiply(MIN_BUMP_PERCENT)) >= 0;
    }

    private static String address(String to) {
        return to == null ? "" : Numeric.cleanHexPrefix(to).toLowerCase(Locale.ROOT);
    }

    private static String data(String hex) {
        return hex == null ? "" : Numeric.cleanHexPrefix(hex).toLowerCase(Locale.ROOT);
    }
}
