package io.custody.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.audit.merkle.MerkleHashes;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reusable hasher computes the log's definitions: the stored event hash, the leaf hash of a record's encoding and
 * the node hash, whatever it hashed before (its buffer and digest are reused between calls).
 */
class AuditHasherTest {

    /** One hasher for every try, so each call follows other records of other sizes. */
    private final AuditHasher hasher = new AuditHasher();

    @Property(tries = 300)
    void a_records_hashes_are_the_definitions(@ForAll("records") AuditRecord record,
                                              @ForAll("events") StoredEvent event) {
        assertThat(hasher.leafHash(record)).isEqualTo(MerkleHashes.leaf(AuditRecordEncoding.encode(record)));
        assertThat(hasher.eventHash(event)).isEqualTo(StoredEventHash.of(event));
        byte[] left = StoredEventHash.of(event);
        byte[] right = MerkleHashes.leaf(AuditRecordEncoding.encode(record));
        assertThat(hasher.node(left, right)).isEqualTo(MerkleHashes.node(left, right));
    }

    @Provide
    Arbitrary<AuditRecord> records() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> optional = text.injectNull(0.3);
        Arbitrary<String> details = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(3000);
        return Combinators.combine(text, optional, optional, Arbitraries.longs(), text, optional, optional, optional)
                .flatAs((id, type, aggregate, sequence, eventType, organisation, wallet, actor) ->
                        Combinators.combine(text, optional, details, optional, optional, optional, optional, text)
                                .as((targetType, targetId, payload, ip, agent, session, trace, at) ->
                                        new AuditRecord(id, type, aggregate, sequence, eventType, organisation,
                                                wallet, actor, targetType, targetId, payload, ip, agent, session,
                                                trace, at, "ab".repeat(32))));
    }

    @Provide
    Arbitrary<StoredEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        return Combinators.combine(text, text, Arbitraries.longs(), text.injectNull(0.2), text, payload,
                        payload.injectNull(0.3))
                .as((id, aggregate, sequence, revision, type, bytes, meta) -> new StoredEvent(1, id, aggregate,
                        sequence, "Agg", type, revision, "2026-12-01T00:00:00Z", bytes, meta));
    }

    @Property(tries = 50)
    void one_changed_byte_of_the_details_changes_the_leaf_hash(@ForAll("records") AuditRecord record) {
        String changed = record.details() + "x";
        AuditRecord other = new AuditRecord(record.eventId(), record.aggregateType(), record.aggregateId(),
                record.aggregateSequence(), record.eventType(), record.organisationId(), record.walletId(),
                record.actor(), record.targetType(), record.targetId(), changed, record.ipAddress(),
                record.userAgent(), record.sessionId(), record.traceId(), record.occurredAt(), record.eventHash());
        assertThat(hasher.leafHash(other)).isNotEqualTo(hasher.leafHash(record));
    }
}
