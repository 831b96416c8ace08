package io.custody.chain.evm;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;

/** Per-gas prices for one transaction; for legacy chains only {@code maxFeePerGas} is used, as the gas price. */
public record FeeQuote(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    public FeeQuote {
        if (maxFeePerGas.signum() <= 0 || maxPriorityFeePerGas.signum() < 0 || maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("need 0 <= priority fee <= max fee, max fee > 0");
        }
    }

    /** Raises both prices by at least {@code factor}, rounding up: nodes refuse a replacement that is not >= 10% higher. */
    public FeeQuote bumpedBy(double factor) {
        return new FeeQuote(scaleUp(maxFeePerGas, factor), scaleUp(maxPriorityFeePerGas, factor));
    }

    /** The element-wise maximum, so a replacement never pays less than the current market. */
    public FeeQuote atLeast(FeeQuote other) {
        BigInteger prio = maxPriorityFeePerGas.max(other.maxPriorityFeePerGas);
        return new FeeQuote(maxFeePerGas.max(other.maxFeePerGas).max(prio), prio);
    }

    private static BigInteger scaleUp(BigInteger v, double factor) {
        BigInteger scaled = new BigDecimal(v).multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        return scaled.equals(v) && v.signum() > 0 ? v.add(BigInteger.ONE) : scaled;
    }
}
