package io.custody.audit.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.audit.merkle.InMemoryNodeStore;
import io.custody.audit.merkle.MerkleHashes;
import io.custody.audit.merkle.MerkleTree;
import io.custody.audit.record.AuditHasher;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordEncoding;
import io.custody.audit.record.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Checking rows in parallel batches finds what checking them one by one finds: a consistent log is consistent with
 * the same tree, and each forged row (record, event, leaf hash, organisation assumed by a worker) is reported at
 * exactly its index, the first one when there are several.
 */
class CheckPipelineTest {

    static final int RECORDS = 3_500;
    static final int WALLETS = 50;
    /** The synthetic log, as the projection would have written it; each test changes a copy. */
    static final List<RecordCheck.Row> LOG = List.copyOf(SyntheticLog.rows(RECORDS, WALLETS, new Random(13)));

    @Test
    void a_consistent_log_gives_the_tree_of_its_stored_leaves_on_any_number_of_threads() {
        InMemoryNodeStore reference = new InMemoryNodeStore();
        LOG.forEach(row -> reference.append(MerkleHashes.leaf(AuditRecordEncoding.encode(row.stored()))));
        byte[] root = new MerkleTree(reference).root(RECORDS);
        for (int threads : new int[] {1, 2, 3}) {
            try (CheckPipeline pipeline = new CheckPipeline(threads, done -> { })) {
                LOG.forEach(pipeline::offer);
                assertThat(pipeline.drain()).isNull();
                assertThat(pipeline.consistent()).isEqualTo(RECORDS);
                assertThat(new MerkleTree(pipeline.nodes()).root(RECORDS)).isEqualTo(root);
            }
        }
    }

    @Test
    void a_record_changed_in_its_row_is_found_at_its_index() {
        List<RecordCheck.Row> log = forge(2_345, row -> storedAs(row, with(row.stored(), "actor", "mallory"),
                row.storedLeaf()));
        Divergence found = pipelineOn(log);
        assertThat(found).isEqualTo(oneByOne(log));
        assertThat(found.kind()).isEqualTo(Divergence.Kind.RECORD_CHANGED);
        assertThat(found.leafIndex()).isEqualTo(2_345);
        assertThat(found.field()).isEqualTo("actor");
        assertThat(found.found()).isEqualTo("mallory");
    }

    @Test
    void an_event_whose_payload_changed_is_found_at_its_record() {
        List<RecordCheck.Row> log = forge(1_777, row -> new RecordCheck.Row(row.index(), row.stored(),
                row.storedLeaf(), withPayload(row.event(), new String(row.event().payload(), StandardCharsets.UTF_8)
                        .replace("\"amount\":\"", "\"amount\":\"9"))));
        Divergence found = pipelineOn(log);
        assertThat(found).isEqualTo(oneByOne(log));
        assertThat(found.kind()).isEqualTo(Divergence.Kind.EVENT_CHANGED);
        assertThat(found.leafIndex()).isEqualTo(1_777);
        assertThat(found.field()).isEqualTo("details");
        assertThat(found.expected()).contains("\"amount\":\"9");
    }

    @Test
    void a_changed_leaf_hash_a_missing_event_and_an_unreadable_or_unknown_event_are_found_at_their_records() {
        List<RecordCheck.Row> leaf = forge(999, row -> storedAs(row, row.stored(), new byte[32]));
        assertThat(pipelineOn(leaf)).isEqualTo(oneByOne(leaf)).extracting(Divergence::kind, Divergence::leafIndex)
                .containsExactly(Divergence.Kind.LEAF_HASH_CHANGED, 999L);

        List<RecordCheck.Row> missing = forge(1_000, row -> new RecordCheck.Row(row.index(), row.stored(),
                row.storedLeaf(), null));
        assertThat(pipelineOn(missing)).isEqualTo(oneByOne(missing)).extracting(Divergence::kind,
                Divergence::leafIndex).containsExactly(Divergence.Kind.EVENT_MISSING, 1_000L);

        List<RecordCheck.Row> notJson = forge(1_001, row -> new RecordCheck.Row(row.index(), row.stored(),
                row.storedLeaf(), withPayload(row.event(), "{\"walletId\":\"" + row.stored().walletId() + "\"")));
        Divergence unreadable = pipelineOn(notJson);
        assertThat(unreadable).isEqualTo(oneByOne(notJson));
        assertThat(unreadable.kind()).isEqualTo(Divergence.Kind.EVENT_CHANGED);
        assertThat(unreadable.leafIndex()).isEqualTo(1_001);
        assertThat(unreadable.found()).startsWith("a stored event that is not well-formed JSON");

        List<RecordCheck.Row> unknown = forge(1_002, row -> {
            StoredEvent e = row.event();
            return new RecordCheck.Row(row.index(), row.stored(), row.storedLeaf(), new StoredEvent(e.globalIndex(),
                    e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(), e.aggregateType(),
                    "com.example.Unknown", e.payloadRevision(), e.timeStamp(), e.payload(), e.metaData()));
        });
        assertThat(pipelineOn(unknown)).isEqualTo(oneByOne(unknown)).extracting(Divergence::kind,
                Divergence::leafIndex, Divergence::field)
                .containsExactly(Divergence.Kind.EVENT_CHANGED, 1_002L, "eventType");
    }

    @Test
    void a_forged_organisation_with_a_matching_leaf_is_checked_against_the_records_before_it() {
        // A deposit names no organisation: a worker assumes the one the stored row claims. Here the row and its
        // leaf hash were both rewritten to another organisation; the earlier wallet creation says otherwise.
        int index = 2_222;
        String truth = LOG.get(index).stored().organisationId();
        List<RecordCheck.Row> log = forge(index, row -> {
            AuditRecord forged = with(row.stored(), "organisationId", "org-evil");
            return storedAs(row, forged, MerkleHashes.leaf(AuditRecordEncoding.encode(forged)));
        });
        Divergence found = pipelineOn(log);
        assertThat(found).isEqualTo(oneByOne(log));
        assertThat(found.leafIndex()).isEqualTo(index);
        assertThat(found.field()).isEqualTo("organisationId");
        assertThat(found.expected()).isEqualTo(truth);
        assertThat(found.found()).isEqualTo("org-evil");
    }

    @Test
    void a_forged_wallet_creation_is_found_before_the_deposits_that_follow_it() {
        // the creation of wallet 7 and every later record of that wallet were rewritten to another organisation,
        // rows and leaf hashes alike: the creation's event still names the true one
        String wallet = LOG.get(7).stored().walletId();
        List<RecordCheck.Row> log = new ArrayList<>(LOG);
        for (int i = 7; i < RECORDS; i++) {
            RecordCheck.Row row = log.get(i);
            if (wallet.equals(row.stored().walletId())) {
                AuditRecord forged = with(row.stored(), "organisationId", "org-evil");
                log.set(i, storedAs(row, forged, MerkleHashes.leaf(AuditRecordEncoding.encode(forged))));
            }
        }
        Divergence found = pipelineOn(log);
        assertThat(found).isEqualTo(oneByOne(log));
        assertThat(found.leafIndex()).isEqualTo(7);
        assertThat(found.field()).isEqualTo("organisationId");
    }

    @Test
    void of_several_forged_rows_the_first_in_leaf_order_is_reported_whatever_batch_finishes_first() {
        List<RecordCheck.Row> log = new ArrayList<>(LOG);
        for (int index : new int[] {3_100, 1_200, 1_201, 2_000}) {
            RecordCheck.Row row = log.get(index);
            log.set(index, storedAs(row, with(row.stored(), "traceId", "forged"), row.storedLeaf()));
        }
        for (int threads : new int[] {1, 2, 3}) {
            Divergence found = pipelineOn(log, threads);
            assertThat(found).isEqualTo(oneByOne(log));
            assertThat(found.leafIndex()).isEqualTo(1_200);
        }
        try (CheckPipeline pipeline = new CheckPipeline(2, done -> { })) {
            log.forEach(pipeline::offer);
            assertThat(pipeline.drain()).isNotNull();
            assertThat(pipeline.consistent()).isEqualTo(1_200);
            assertThat(pipeline.nodes().size()).isEqualTo(1_200);
        }
    }

    // ---- helpers ----

    static Divergence pipelineOn(List<RecordCheck.Row> log) {
        return pipelineOn(log, 2);
    }

    static Divergence pipelineOn(List<RecordCheck.Row> log, int threads) {
        try (CheckPipeline pipeline = new CheckPipeline(threads, done -> { })) {
            for (RecordCheck.Row row : log) {
                if (pipeline.offer(row) != null) {
                    break;
                }
            }
            return pipeline.drain();
        }
    }

    /** The reference: each row checked in order on this thread with the directory of the records before it. */
    static Divergence oneByOne(List<RecordCheck.Row> log) {
        Map<String, String> organisations = new HashMap<>();
        AuditHasher hasher = new AuditHasher();
        for (RecordCheck.Row row : log) {
            RecordCheck.Check check = RecordCheck.check(row, w -> Optional.ofNullable(organisations.get(w)), hasher);
            if (check.divergence() != null) {
                return check.divergence();
            }
            AuditRecord expected = check.expected();
            if (expected.walletId() != null && expected.organisationId() != null) {
                organisations.putIfAbsent(expected.walletId(), expected.organisationId());
            }
        }
        return null;
    }

    static List<RecordCheck.Row> forge(int index, UnaryOperator<RecordCheck.Row> change) {
        List<RecordCheck.Row> log = new ArrayList<>(LOG);
        log.set(index, change.apply(log.get(index)));
        return log;
    }

    static RecordCheck.Row storedAs(RecordCheck.Row row, AuditRecord stored, byte[] leaf) {
        return new RecordCheck.Row(row.index(), stored, leaf, row.event());
    }

    static StoredEvent withPayload(StoredEvent e, String payload) {
        return new StoredEvent(e.globalIndex(), e.eventIdentifier(), e.aggregateIdentifier(), e.sequenceNumber(),
                e.aggregateType(), e.payloadType(), e.payloadRevision(), e.timeStamp(),
                payload.getBytes(StandardCharsets.UTF_8), e.metaData());
    }

    static AuditRecord with(AuditRecord r, String field, String value) {
        Map<String, Object> f = new HashMap<>(r.fields());
        assertThat(f).containsKey(field);
        f.put(field, value);
        return new AuditRecord((String) f.get("eventId"), (String) f.get("aggregateType"),
                (String) f.get("aggregateId"), (Long) f.get("aggregateSequence"), (String) f.get("eventType"),
                (String) f.get("organisationId"), (String) f.get("walletId"), (String) f.get("actor"),
                (String) f.get("targetType"), (String) f.get("targetId"), (String) f.get("details"),
                (String) f.get("ipAddress"), (String) f.get("userAgent"), (String) f.get("sessionId"),
                (String) f.get("traceId"), (String) f.get("occurredAt"), (String) f.get("eventHash"));
    }
}
