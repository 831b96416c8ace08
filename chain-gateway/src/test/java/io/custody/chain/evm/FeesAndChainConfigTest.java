package io.custody.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custody.chain.ChainException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesAndChainConfigTest {

    static BigInteger gwei(long n) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(9));
    }

    @Test
    void the_five_chains_have_their_ids_depths_and_transaction_types() {
        assertThat(EvmChain.ETHEREUM.chainId()).isEqualTo(1);
        assertThat(EvmChain.POLYGON.chainId()).isEqualTo(137);
        assertThat(EvmChain.BSC.chainId()).isEqualTo(56);
        assertThat(EvmChain.BSC.eip1559()).isFalse();
        assertThat(EvmChain.BASE.chainId()).isEqualTo(8453);
        assertThat(EvmChain.LOCAL.chainId()).isEqualTo(31337);
        assertThat(EvmChain.POLYGON.confirmations()).isGreaterThan(EvmChain.ETHEREUM.confirmations());
    }

    @Test
    void a_chain_config_with_a_priority_cap_above_the_fee_cap_or_no_depth_is_rejected() {
        assertThatThrownBy(() -> new EvmChain("x", 1, 1, gwei(1), gwei(2), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvmChain("x", 1, 0, gwei(2), gwei(1), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvmChain("x", 0, 1, gwei(2), gwei(1), true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_bump_raises_both_prices_by_at_least_the_factor_even_for_tiny_values() {
        FeeQuote q = new FeeQuote(BigInteger.valueOf(1000), BigInteger.valueOf(1));
        FeeQuote b = q.bumpedBy(1.125);
        assertThat(b.maxFeePerGas()).isEqualTo(BigInteger.valueOf(1125));
        assertThat(b.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(2));
    }

    @Test
    void replacement_fees_never_fall_below_the_current_market() {
        FeeQuote old = new FeeQuote(gwei(10), gwei(1));
        FeeQuote market = new FeeQuote(gwei(30), gwei(2));
        FeeQuote r = old.bumpedBy(1.125).atLeast(market);
        assertThat(r.maxFeePerGas()).isEqualTo(gwei(30));
        assertThat(r.maxPriorityFeePerGas()).isEqualTo(gwei(2));
    }

    @Test
    void fee_quotes_are_capped_and_refused_when_the_cap_cannot_pay_the_base_fee() {
        EvmChain chain = new EvmChain("t", 5, 1, gwei(50), gwei(5), true);
        FeeOracle oracle = new FeeOracle(chain, null);
        FeeQuote capped = oracle.capped(new FeeQuote(gwei(80), gwei(3)), gwei(41));
        assertThat(capped.maxFeePerGas()).isEqualTo(gwei(50));
        assertThatThrownBy(() -> oracle.capped(new FeeQuote(gwei(120), gwei(3)), gwei(60)))
                .isInstanceOf(ChainException.class)
                .satisfies(e -> assertThat(((ChainException) e).code()).isEqualTo(ChainException.Code.FEE_CAP_EXCEEDED));
        assertThatThrownBy(() -> oracle.checkWithinCap(new FeeQuote(gwei(51), gwei(1))))
                .isInstanceOf(ChainException.class);
    }

    @Test
    void invalid_fee_quotes_cannot_be_constructed() {
        assertThatThrownBy(() -> new FeeQuote(BigInteger.ZERO, BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeeQuote(gwei(1), gwei(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
