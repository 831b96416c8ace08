package io.custody.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"})
    void a_value_a_spreadsheet_would_run_as_a_formula_is_written_as_text(String value) {
        String cell = AuditCsv.quote(value);

        assertThat(cell).startsWith("\"'");
        assertThat(unquote(cell)).isEqualTo("'" + value);
    }

    @Test
    void ordinary_values_are_written_as_they_are_with_quotes_doubled() {
        assertThat(AuditCsv.quote("curl/8.5.0")).isEqualTo("\"curl/8.5.0\"");
        assertThat(AuditCsv.quote("{\"amount\":\"100\"}")).isEqualTo("\"{\"\"amount\"\":\"\"100\"\"}\"");
        assertThat(AuditCsv.quote("")).isEqualTo("\"\"");
        assertThat(AuditCsv.quote("a=b")).isEqualTo("\"a=b\"");
    }

    private static String unquote(String cell) {
        return cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
    }
}
