package io.custody.audit.tool;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first place where the log and what it should be part: which kind, at which record (leaf index and event), which
 * field, what was expected (recomputed from the event store, or signed) and what was found.
 */
record Divergence(Kind kind, Long leafIndex, String eventId, String field, String expected, String found) {

    enum Kind {
        /** A record's row was changed after it was written: its stored leaf hash no longer matches its content. */
        RECORD_CHANGED,
        /** A record and its leaf agree, but the event store's event now gives another record: the event changed. */
        EVENT_CHANGED,
        /** A record's stored leaf hash was changed. */
        LEAF_HASH_CHANGED,
        /** A leaf index has no record: the record was removed. */
        RECORD_MISSING,
        /** An event of the event store has no record. */
        EVENT_NOT_RECORDED,
        /** A record names an event the event store does not hold. */
        EVENT_MISSING,
        /** A checkpoint's signature does not verify with the log's key. */
        CHECKPOINT_SIGNATURE,
        /** A checkpoint signs another root than the recomputed tree has at its size. */
        CHECKPOINT_ROOT,
        /** A checkpoint names a size beyond the log. */
        CHECKPOINT_BEYOND_LOG,
        /** Two consecutive checkpoints are not consistent (RFC 9162 2.1.4). */
        CHECKPOINT_INCONSISTENT
    }

    String describe() {
        StringBuilder text = new StringBuilder(kind.name());
        if (leafIndex != null) text.append(" at record ").append(leafIndex);
        if (eventId != null) text.append(" (event ").append(eventId).append(')');
        if (field != null) text.append(", field ").append(field);
        text.append("\n  expected: ").append(expected).append("\n  found:    ").append(found);
        return text.toString();
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind.name());
        json.put("leafIndex", leafIndex);
        json.put("eventId", eventId);
        json.put("field", field);
        json.put("expected", expected);
        json.put("found", found);
        return json;
    }
}
