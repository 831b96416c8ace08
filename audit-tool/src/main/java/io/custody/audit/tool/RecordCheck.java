package io.custody.audit.tool;

import io.custody.audit.record.AuditHasher;
import io.custody.audit.record.AuditRecord;
import io.custody.audit.record.AuditRecordFactory;
import io.custody.audit.record.OrganisationDirectory;
import io.custody.audit.record.StoredEvent;
import io.custody.audit.record.UnmappedEventException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/**
 * {@code verify}'s check of one stored record: recompute it from its event's stored bytes and compare it, field by
 * field and by leaf hash, with the stored row. A JDBC row is tried as stored ({@code custody-stored-event/v1}, every
 * log so far) and, failing that, in portable form ({@code v2}, what a log over Axon Server holds); an event from
 * Axon Server only has the portable form. A pure function of the row, the organisation directory it is given
 * and a hasher, so rows can be checked on several threads ({@link CheckPipeline}).
 */
final class RecordCheck {

    private RecordCheck() {
    }

    /** One stored record in leaf order: the row, its stored leaf hash, and its event ({@code null}: none stored). */
    record Row(long index, AuditRecord stored, byte[] storedLeaf, StoredEvent event) {
    }

    /** The outcome: the divergence, or the recomputed record and the leaf hash to append. */
    record Check(Divergence divergence, byte[] leaf, AuditRecord expected) {
    }

    /**
     * A differing record whose row still matches its own leaf hash was logged faithfully from an event that has
     * changed since; one whose row no longer matches its leaf hash was itself changed.
     */
    static Check check(Row row, OrganisationDirectory organisations, AuditHasher hasher) {
        AuditRecord stored = row.stored();
        if (row.event() == null) {
            return diverges(new Divergence(Divergence.Kind.EVENT_MISSING, row.index(), stored.eventId(), "eventId",
                    "an event " + stored.eventId() + " in the event store", "no such event"));
        }
        Check asStored = check(row, row.event(), organisations, hasher);
        if (asStored.divergence() == null || row.event().form() == StoredEvent.Form.PORTABLE) {
            return asStored;
        }
        // a JDBC row whose record was computed from its portable form (custody-stored-event/v2, ADR audit-010):
        // the record states which form by its time, which only the portable form truncates to three digits
        StoredEvent portable;
        try {
            portable = row.event().portable();
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            return asStored;
        }
        Check asPortable = check(row, portable, organisations, hasher);
        if (asPortable.divergence() == null) {
            return asPortable;
        }
        boolean recordedPortable = stored.occurredAt().equals(portable.timeStamp())
                && !stored.occurredAt().equals(row.event().timeStamp());
        return recordedPortable ? asPortable : asStored;
    }

    private static Check check(Row row, StoredEvent event, OrganisationDirectory organisations, AuditHasher hasher) {
        AuditRecord stored = row.stored();
        long index = row.index();
        AuditRecord expected;
        try {
            expected = AuditRecordFactory.record(event, organisations, hasher);
        } catch (UnmappedEventException e) {
            return diverges(new Divergence(Divergence.Kind.EVENT_CHANGED, index, stored.eventId(), "eventType",
                    stored.eventType(), e.getMessage()));
        } catch (JacksonException e) {
            // the event store holds only what the serializer wrote: a payload or metadata that is not JSON was
            // changed there
            return diverges(new Divergence(Divergence.Kind.EVENT_CHANGED, index, stored.eventId(), "details",
                    stored.details(), "a stored event that is not well-formed JSON: " + e.getOriginalMessage()));
        }
        if (!expected.equals(stored)) {
            boolean rowSelfConsistent = MessageDigest.isEqual(row.storedLeaf(), hasher.leafHash(stored));
            String field = firstDifferentField(expected, stored);
            return diverges(new Divergence(rowSelfConsistent ? Divergence.Kind.EVENT_CHANGED
                    : Divergence.Kind.RECORD_CHANGED, index, stored.eventId(), field,
                    String.valueOf(expected.fields().get(field)), String.valueOf(stored.fields().get(field))));
        }
        byte[] expectedLeaf = hasher.leafHash(expected);
        if (!MessageDigest.isEqual(row.storedLeaf(), expectedLeaf)) {
            return diverges(new Divergence(Divergence.Kind.LEAF_HASH_CHANGED, index, stored.eventId(), "leafHash",
                    LogVerifier.base64(expectedLeaf), LogVerifier.base64(row.storedLeaf())));
        }
        return new Check(null, expectedLeaf, expected);
    }

    private static Check diverges(Divergence divergence) {
        return new Check(divergence, null, null);
    }

    private static String firstDifferentField(AuditRecord expected, AuditRecord found) {
        Map<String, Object> f = found.fields();
        return expected.fields().entrySet().stream().filter(e -> !Objects.equals(e.getValue(), f.get(e.getKey())))
                .map(Map.Entry::getKey).findFirst().orElse("?");
    }
}
