package io.custody.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portable form ({@code custody-stored-event/v2}) of one event is the same whether it comes from a JDBC row
 * (serialized metadata bytes, time at the clock's precision) or from a store that keeps typed metadata and
 * milliseconds (Axon Server), and it still binds the payload and every metadata value.
 */
class PortableEventsTest {

    static final byte[] PAYLOAD = "{\"walletId\":\"w-1\",\"token\":\"USDC\",\"amount\":\"12\"}"
            .getBytes(StandardCharsets.UTF_8);

    static StoredEvent row(String metaData, String time, byte[] payload) {
        return new StoredEvent(7, "e-1", "w-1", 3, "CustodyWallet", "io.custody.api.deposit.DepositCredited", null,
                time, payload, metaData.getBytes(StandardCharsets.UTF_8));
    }

    static StoredEvent typed(Map<String, ?> metaData, long millis, byte[] payload) {
        return PortableEvents.of(7, "e-1", "w-1", 3, "CustodyWallet", "io.custody.api.deposit.DepositCredited", null,
                millis, payload, metaData);
    }

    static Map<String, Object> metaData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("traceId", "t-1");
        m.put("correlationId", "c-1");
        m.put("attempt", 2L);
        m.put("replayed", false);
        return m;
    }

    @Test
    void a_jdbc_row_and_the_same_event_with_typed_metadata_have_one_portable_hash() {
        long millis = Instant.parse("2026-12-01T10:00:01.123Z").toEpochMilli();
        StoredEvent fromRow = row("{\"traceId\": \"t-1\", \"attempt\": 2, \"correlationId\": \"c-1\", "
                + "\"replayed\": false}", "2026-12-01T10:00:01.123456789Z", PAYLOAD).portable();
        StoredEvent fromTyped = typed(metaData(), millis, PAYLOAD);

        assertThat(fromRow.timeStamp()).isEqualTo("2026-12-01T10:00:01.123Z");
        assertThat(new String(fromRow.metaData(), StandardCharsets.UTF_8))
                .isEqualTo("{\"attempt\":2,\"correlationId\":\"c-1\",\"replayed\":false,\"traceId\":\"t-1\"}");
        assertThat(fromTyped.metaData()).isEqualTo(fromRow.metaData());
        assertThat(StoredEventHash.of(fromTyped)).isEqualTo(StoredEventHash.of(fromRow));
        assertThat(new AuditHasher().eventHash(fromTyped)).isEqualTo(StoredEventHash.of(fromRow));
    }

    @Test
    void whole_seconds_get_three_digits_and_no_metadata_is_an_empty_object() {
        StoredEvent portable = new StoredEvent(1, "e", "a", 0, "T", "p", "1", "2026-12-01T00:00:00Z", PAYLOAD, null)
                .portable();
        assertThat(portable.timeStamp()).isEqualTo("2026-12-01T00:00:00.000Z");
        assertThat(portable.metaData()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(portable.form()).isEqualTo(StoredEvent.Form.PORTABLE);
        assertThat(portable.portable()).isSameAs(portable);
    }

    @Test
    void the_two_definitions_never_give_the_same_hash_for_the_same_fields() {
        StoredEvent stored = row("{}", "2026-12-01T00:00:00.000Z", PAYLOAD);
        StoredEvent portable = stored.portable();
        // same field values, only the form (domain tag) differs
        assertThat(portable.timeStamp()).isEqualTo(stored.timeStamp());
        assertThat(portable.metaData()).isEqualTo(stored.metaData());
        assertThat(StoredEventHash.of(portable)).isNotEqualTo(StoredEventHash.of(stored));
    }

    @Test
    void a_changed_payload_or_metadata_value_or_millisecond_changes_the_portable_hash() {
        long millis = Instant.parse("2026-12-01T10:00:01.123Z").toEpochMilli();
        byte[] reference = StoredEventHash.of(typed(metaData(), millis, PAYLOAD));

        byte[] otherPayload = "{\"walletId\":\"w-1\",\"token\":\"USDT\",\"amount\":\"12\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(StoredEventHash.of(typed(metaData(), millis, otherPayload))).isNotEqualTo(reference);

        Map<String, Object> otherValue = metaData();
        otherValue.put("traceId", "t-2");
        assertThat(StoredEventHash.of(typed(otherValue, millis, PAYLOAD))).isNotEqualTo(reference);

        Map<String, Object> otherType = metaData();
        otherType.put("attempt", "2");
        assertThat(StoredEventHash.of(typed(otherType, millis, PAYLOAD))).isNotEqualTo(reference);

        assertThat(StoredEventHash.of(typed(metaData(), millis + 1, PAYLOAD))).isNotEqualTo(reference);
    }
}
