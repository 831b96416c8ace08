package io.custody.api.wallet;

/**
 * How many distinct signers must approve before the wallet moves funds (the k of k-of-n). Whether it fits a signer
 * set is the command side's rule (seed Property 1); this type only rules out values that are never meaningful.
 */
public record Threshold(int value) {

    public Threshold {
        if (value < 1) {
            throw new IllegalArgumentException("threshold must be positive");
        }
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
