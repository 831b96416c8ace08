package io.custody.saga.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * The check that runs before the MPC cluster signs a fee replacement: only the approved transaction with both fee caps
 * raised by at least 10% passes; every other change (recipient, value, data, nonce, gas limit, chain, type, a fee
 * not raised enough, bytes that are no transaction) is refused.
 */
class FeeReplacementTest {

    private static final long CHAIN = 31337;
    private static final String TO = "0x" + "ab".repeat(20);
    private static final BigInteger NONCE = BigInteger.valueOf(7);
    private static final BigInteger GAS = BigInteger.valueOf(60_000);
    private static final BigInteger VALUE = BigInteger.valueOf(250_000);
    private static final String DATA = "0xa9059cbb" + "00".repeat(64);
    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000);
    private static final BigInteger MAX = BigInteger.valueOf(30_000_000_000L);

    private static final byte[] ORIGINAL = tx(CHAIN, NONCE, GAS, TO, VALUE, DATA, TIP, MAX);

    @Test
    void the_same_transaction_with_both_fee_caps_raised_by_ten_percent_or_more_passes() {
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO, VALUE, DATA, pct(TIP, 110), pct(MAX, 110))))
                .isNull();
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO.toUpperCase().replace("0X", "0x"), VALUE,
                DATA, pct(TIP, 200), pct(MAX, 125)))).as("an address's case is not a difference").isNull();
    }

    @Test
    void a_replacement_that_changes_anything_but_the_fees_is_refused() {
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, "0x" + "cd".repeat(20), VALUE, DATA,
                pct(TIP, 120), pct(MAX, 120)))).contains("goes to");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO, VALUE.add(BigInteger.ONE), DATA,
                pct(TIP, 120), pct(MAX, 120)))).contains("sends");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO, VALUE, DATA.replace("a9059cbb",
                "095ea7b3"), pct(TIP, 120), pct(MAX, 120)))).contains("data");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE.add(BigInteger.ONE), GAS, TO, VALUE, DATA,
                pct(TIP, 120), pct(MAX, 120)))).contains("nonce");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS.add(BigInteger.ONE), TO, VALUE, DATA,
                pct(TIP, 120), pct(MAX, 120)))).contains("gas limit");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(1, NONCE, GAS, TO, VALUE, DATA, pct(TIP, 120), pct(MAX, 120))))
                .contains("chain");
        byte[] legacy = TransactionEncoder.encode(RawTransaction.createTransaction(NONCE, pct(MAX, 200), GAS, TO, VALUE,
                DATA), CHAIN);
        assertThat(FeeReplacement.problem(ORIGINAL, legacy)).contains("type");
    }

    @Test
    void a_replacement_that_does_not_raise_both_fee_caps_enough_is_refused() {
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO, VALUE, DATA, pct(TIP, 109), pct(MAX, 150))))
                .contains("10%");
        assertThat(FeeReplacement.problem(ORIGINAL, tx(CHAIN, NONCE, GAS, TO, VALUE, DATA, pct(TIP, 150), pct(MAX, 109))))
                .contains("10%");
        assertThat(FeeReplacement.problem(ORIGINAL, ORIGINAL)).as("the same bytes again").contains("10%");
    }

    @Test
    void bytes_that_are_no_transaction_are_refused() {
        assertThat(FeeReplacement.problem(ORIGINAL, new byte[] {0x02, (byte) 0xc1, 0x01})).isNotNull();
        assertThat(FeeReplacement.problem(ORIGINAL, new byte[0])).isNotNull();
    }

    @Test
    void the_policy_needs_a_positive_wait_and_at_least_one_version() {
        assertThatThrownBy(() -> new FeeReplacement(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeeReplacement(Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FeeReplacement.DEFAULT.maxVersions()).isEqualTo(5);
    }

    private static byte[] tx(long chainId, BigInteger nonce, BigInteger gas, String to, BigInteger value, String data,
                             BigInteger tip, BigInteger max) {
        return TransactionEncoder.encode(RawTransaction.createTransaction(chainId, nonce, gas, to, value, data, tip,
                max));
    }

    private static BigInteger pct(BigInteger x, int percent) {
        return x.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
    }
}
