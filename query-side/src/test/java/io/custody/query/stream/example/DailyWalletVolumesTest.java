package io.custody.query.stream.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example consumer's arithmetic: in and out per wallet, UTC day and token, each event counted once. */
class DailyWalletVolumesTest {

    private static final String WALLET = "3f26f183-7e6c-4e65-9efe-21059c96b509";
    private static final String OTHER = "769bcfa3-5cf9-4322-a61f-e72d2e99c7f8";

    @Test
    void deposits_count_in_and_settled_withdrawals_count_out_per_utc_day_and_token() {
        DailyWalletVolumes volumes = new DailyWalletVolumes();
        volumes.accept(event("e1", "DepositCredited", "2026-12-01T23:59:59.999Z", WALLET, "USDC", "1000"));
        volumes.accept(event("e2", "DepositCredited", "2026-12-01T08:00:00Z", WALLET, "USDC", "500"));
        volumes.accept(event("e3", "WithdrawalSettled", "2026-12-01T09:00:00Z", WALLET, "USDC", "300"));
        volumes.accept(event("e4", "DepositCredited", "2026-12-02T00:00:00Z", WALLET, "USDC", "7"));
        volumes.accept(event("e5", "DepositCredited", "2026-12-01T10:00:00Z", WALLET, "USDT",
                "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        volumes.accept(event("e6", "DepositCredited", "2026-12-01T10:00:00Z", OTHER, "USDC", "1"));
        // reserved is not moved: only settlement is volume
        volumes.accept(event("e7", "WithdrawalReserved", "2026-12-01T10:00:00Z", WALLET, "USDC", "999"));

        Map<DailyWalletVolumes.Key, DailyWalletVolumes.Volume> result = volumes.volumes();
        assertThat(result).containsExactly(
                Map.entry(key(WALLET, "2026-12-01", "USDC"), volume("1500", "300", 2, 1)),
                Map.entry(key(WALLET, "2026-12-01", "USDT"), volume(
                        "115792089237316195423570985008687907853269984665640564039457584007913129639935", "0", 1, 0)),
                Map.entry(key(WALLET, "2026-12-02", "USDC"), volume("7", "0", 1, 0)),
                Map.entry(key(OTHER, "2026-12-01", "USDC"), volume("1", "0", 1, 0)));
    }

    @Test
    void a_duplicate_id_is_dropped_even_when_it_comes_much_later() {
        DailyWalletVolumes volumes = new DailyWalletVolumes();
        byte[] deposit = event("same-id", "DepositCredited", "2026-12-01T08:00:00Z", WALLET, "USDC", "500");
        volumes.accept(deposit);
        volumes.accept(event("e2", "DepositCredited", "2026-12-01T09:00:00Z", WALLET, "USDC", "1"));
        volumes.accept(deposit);

        assertThat(volumes.volumes().get(key(WALLET, "2026-12-01", "USDC"))).isEqualTo(volume("501", "0", 2, 0));
        assertThat(volumes.duplicatesDropped()).isEqualTo(1);
    }

    private static DailyWalletVolumes.Key key(String wallet, String day, String token) {
        return new DailyWalletVolumes.Key(wallet, LocalDate.parse(day), token);
    }

    private static DailyWalletVolumes.Volume volume(String in, String out, int deposits, int withdrawals) {
        return new DailyWalletVolumes.Volume(new BigInteger(in), new BigInteger(out), deposits, withdrawals);
    }

    private static byte[] event(String id, String type, String time, String wallet, String token, String amount) {
        return """
                {"specversion":"1.0","id":"%s","source":"/custody","type":"io.custody.%s","subject":"%s","time":"%s",
                 "datacontenttype":"application/json","data":{"walletId":"%s","token":"%s","amount":"%s",
                 "at":"%s"}}""".formatted(id, type, wallet, time, wallet, token, amount, time)
                .getBytes(StandardCharsets.UTF_8);
    }
}
