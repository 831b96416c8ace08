package io.custody.audit.tool;

import io.custody.api.deposit.DepositCredited;
import io.custody.api.wallet.CustodyWalletCreated;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * A log held in memory for the benchmark and the tests: {@code wallets} wallet creations (organisations {@code org-0}
 * to {@code org-6}) and then deposits to those wallets in turn, each event with trace metadata, and the records and
 * leaf hashes the projection would have stored for them (computed with the definitions, one by one).
 */
final class SyntheticLog {

    private SyntheticLog() {
    }

    static List<RecordCheck.Row> rows(int records, int wallets, Random random) {
        return rows(records, wallets, random, false);
    }

    /**
     * As {@link #rows(int, int, Random)}; with {@code portable}, the events' times have microseconds (as the
     * application's clock gives them) and each record is computed from its event's portable form
     * ({@code custody-stored-event/v2}), as the log of an application whose events are in Axon Server holds it.
     */
    static List<RecordCheck.Row> rows(int records, int wallets, Random random, boolean portable) {
        List<String> walletIds = new ArrayList<>();
        for (int w = 0; w < wallets; w++) {
            walletIds.add(uuid(random));
        }
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        Map<String, String> organisations = new HashMap<>();
        List<RecordCheck.Row> rows = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            String wallet = walletIds.get(i % wallets);
            boolean creation = i < wallets;
            String payload = creation
                    ? "{\"walletId\":\"" + wallet + "\",\"organisation\":\"org-" + (i % 7) + "\",\"name\":\"W" + i
                            + "\",\"signers\":[{\"value\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"}],"
                            + "\"threshold\":2,\"chainFamily\":\"EVM\",\"createdAt\":\"" + t0.plusSeconds(i) + "\"}"
                    : "{\"walletId\":\"" + wallet + "\",\"depositId\":\"0xdep:" + i + "\",\"token\":\"USDC\","
                            + "\"amount\":\"" + (1000 + i) + "\",\"at\":\"" + t0.plusSeconds(i) + "\"}";
            String metaData = "{\"traceId\":\"" + uuid(random) + "\",\"correlationId\":\"c-" + i + "\"}";
            Instant at = portable ? t0.plusSeconds(i).plusNanos(1_000L * (i * 7919 % 1_000_000)) : t0.plusSeconds(i);
            StoredEvent event = new StoredEvent(i, uuid(random), wallet, i / wallets, "CustodyWallet",
                    (creation ? CustodyWalletCreated.class : DepositCredited.class).getName(), "1",
                    at.toString(), payload.getBytes(StandardCharsets.UTF_8),
                    metaData.getBytes(StandardCharsets.UTF_8));
            AuditRecord record = AuditRecordFactory.record(portable ? event.portable() : event,
                    w -> Optional.ofNullable(organisations.get(w)));
            organisations.putIfAbsent(record.walletId(), record.organisationId());
            rows.add(new RecordCheck.Row(i, record, MerkleHashes.leaf(AuditRecordEncoding.encode(record)), event));
        }
        return rows;
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
