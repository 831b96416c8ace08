package io.custody.query.audit;

import java.util.Map;
import java.util.stream.Collectors;

/** CSV rows of audit records (RFC 4180: every field quoted, quotes doubled, CRLF line ends). */
final class AuditCsv {

    private static final String[] LEADING = {"leafIndex", "leafHash"};

    private AuditCsv() {
    }

    static String header() {
        var fields = new java.util.ArrayList<>(java.util.List.of(LEADING));
        fields.addAll(sampleFields().keySet());
        return fields.stream().map(AuditCsv::quote).collect(Collectors.joining(",")) + "\r\n";
    }

    static String row(AuditQueries.RecordView view) {
        var values = new java.util.ArrayList<Object>();
        values.add(view.leafIndex());
        values.add(view.leafHash());
        values.addAll(view.record().fields().values());
        return values.stream().map(v -> quote(v == null ? "" : v.toString())).collect(Collectors.joining(","))
                + "\r\n";
    }

    private static Map<String, Object> sampleFields() {
        return new io.custody.audit.record.AuditRecord("", null, null, 0, "", null, null, null, "", null, null, null,
                null, null, null, "", "").fields();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
