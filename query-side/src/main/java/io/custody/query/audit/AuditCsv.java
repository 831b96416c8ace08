package io.custody.query.audit;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * CSV rows of audit records (RFC 4180: every field quoted, quotes doubled, CRLF line ends) for a compliance officer's
 * spreadsheet. Several fields come from outside (a user agent, a wallet or member name inside the details), and a
 * spreadsheet runs a cell that starts with {@code = + - @}, a tab or a carriage return as a formula even when it is
 * quoted; such a value gets a leading apostrophe (the OWASP "CSV injection" advice), which spreadsheets show as text.
 * The CSV is for reading only: verification works on the JSON lines export and the stored records, which keep every
 * value as it is.
 */
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

    static String quote(String value) {
        String cell = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static final String FORMULA_STARTS = "=+-@\t\r";
}
