package io.custody.audit.tool;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.StoredEvent;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleTree;
import io.custody.api.deposit.DepositCredited;
import io.custody.api.wallet.CustodyWalletCreated;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures {@code verify}'s per-record work on a synthetic log held in memory: recompute each record from its stored
 * event, compare it with the stored record, check its leaf hash and append it to the tree, then take the root. The
 * database read is not part of it (see docs/benchmarks.md). Not run by the tests.
 */
@Command(name = "bench-verify", hidden = true, mixinStandardHelpOptions = true,
        description = "Benchmark verify's per-record work on a synthetic in-memory log.")
final class BenchVerifyCommand implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "1000000")
    int records;

    @Option(names = "--wallets", defaultValue = "1000")
    int wallets;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<StoredEvent> events = new ArrayList<>(records);
        List<String> walletIds = new ArrayList<>();
        for (int w = 0; w < wallets; w++) {
            walletIds.add(UUID.randomUUID().toString());
        }
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < records; i++) {
            String wallet = walletIds.get(i % wallets);
            boolean creation = i < wallets;
            String payload = creation
                    ? "{\"walletId\":\"" + wallet + "\",\"organisation\":\"org-" + (i % 7) + "\",\"name\":\"W" + i
                            + "\",\"signers\":[{\"value\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\"}],"
                            + "\"threshold\":2,\"chainFamily\":\"EVM\",\"createdAt\":\"" + t0.plusSeconds(i) + "\"}"
                    : "{\"walletId\":\"" + wallet + "\",\"depositId\":\"0xdep:" + i + "\",\"token\":\"USDC\","
                            + "\"amount\":\"" + (1000 + i) + "\",\"at\":\"" + t0.plusSeconds(i) + "\"}";
            String metaData = "{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"c-" + i + "\"}";
            events.add(new StoredEvent(i, UUID.randomUUID().toString(), wallet, i / wallets, "CustodyWallet",
                    (creation ? CustodyWalletCreated.class : DepositCredited.class).getName(), "1",
                    t0.plusSeconds(i).toString(), payload.getBytes(StandardCharsets.UTF_8),
                    metaData.getBytes(StandardCharsets.UTF_8)));
        }
        // the "stored" log, as the projection would have written it
        List<AuditRecord> stored = new ArrayList<>(records);
        List<byte[]> storedLeaves = new ArrayList<>(records);
        Map<String, String> organisations = new HashMap<>();
        for (StoredEvent event : events) {
            AuditRecord record = AuditRecordFactory.record(event, w -> Optional.ofNullable(organisations.get(w)));
            organisations.putIfAbsent(record.walletId(), record.organisationId());
            stored.add(record);
            storedLeaves.add(MerkleHashes.leaf(AuditRecordEncoding.encode(record)));
        }
        out.printf("synthetic log: %d records over %d wallets%n", records, wallets);
        for (int run = 1; run <= 3; run++) {
            long started = System.nanoTime();
            Map<String, String> replayed = new HashMap<>();
            InMemoryNodeStore nodes = new InMemoryNodeStore();
            for (int i = 0; i < records; i++) {
                LogVerifier.Check check = LogVerifier.check(i, events.get(i), stored.get(i), storedLeaves.get(i),
                        replayed);
                if (check.divergence() != null) {
                    throw new IllegalStateException("synthetic log diverges: " + check.divergence().describe());
                }
                nodes.append(check.leaf());
            }
            byte[] root = new MerkleTree(nodes).root(records);
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("run %d: %.2f s, %.0f records/s (root %s)%n", run, seconds, records / seconds,
                    LogVerifier.base64(root).substring(0, 12));
        }
        out.flush();
        return ExitCodes.CONSISTENT;
    }
}
