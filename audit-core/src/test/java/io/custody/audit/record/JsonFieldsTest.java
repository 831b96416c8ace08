package io.custody.audit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading a few fields from the tokens gives exactly what the tree of the whole document gives (the definition), and
 * refuses what the tree refuses.
 */
class JsonFieldsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String[] NAMES = {"walletId", "organisation", null, "signer", "walletId", "n"};

    @Test
    void values_of_every_kind_read_as_the_tree_reads_them() {
        List<String> documents = List.of(
                "{\"walletId\":\"w-1\",\"organisation\":\"org-1\",\"name\":\"T\"}",
                "{\"walletId\":\"w-1\",\"walletId\":\"w-2\"}",
                "{\"signer\":{\"value\":\"0xabc\"},\"n\":1.50}",
                "{\"signer\":{\"value\":{\"value\":7}},\"n\":1e3}",
                "{\"signer\":{\"other\":1},\"n\":12345678901234567890123}",
                "{\"signer\":[1,\"a\",{\"value\":2}],\"n\":true,\"walletId\":null}",
                "{\"organisation\":\"\\u00e9\\n\\\"q\\\"\",\"skipped\":{\"deep\":[{\"walletId\":\"no\"}]}}",
                "{\"walletId\":\"\uD83D\uDE00 \u00fc\",\"n\":-0.0}",
                "{}", "[]", "[{\"walletId\":\"w\"}]", "\"walletId\"", "42", "null", "", "   ");
        for (String document : documents) {
            assertThat(JsonFields.of(JSON, document, NAMES)).as(document).containsExactly(tree(document));
            if (!document.isBlank()) {
                byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
                assertThat(JsonFields.of(JSON, bytes, NAMES)).as(document).containsExactly(tree(bytes));
            }
        }
    }

    @Test
    void malformed_documents_are_refused_even_where_the_fault_is_in_a_field_not_read() {
        List<String> malformed = List.of(
                "{\"other\":\"\\q\",\"walletId\":\"w\"}",
                "{\"walletId\":\"w\"} trailing",
                "{\"walletId\":\"w\"}{\"walletId\":\"x\"}",
                "{\"walletId\":\"w\",\"other\":[1,2}",
                "{\"walletId\":\"w\",\"other\":01}",
                "{\"walletId\":\"w\",",
                "{'walletId':'w'}");
        for (String document : malformed) {
            assertThatThrownBy(() -> JSON.readTree(document)).as("the tree refuses " + document)
                    .isInstanceOf(JacksonException.class);
            assertThatThrownBy(() -> JsonFields.of(JSON, document, NAMES)).as(document)
                    .isInstanceOf(JacksonException.class);
            assertThatThrownBy(() -> JsonFields.of(JSON, document.getBytes(StandardCharsets.UTF_8), NAMES))
                    .as(document).isInstanceOf(JacksonException.class);
        }
    }

    @Test
    void absent_or_empty_metadata_bytes_are_an_object_without_fields() {
        assertThat(JsonFields.of(JSON, (byte[]) null, NAMES)).containsOnlyNulls().hasSize(NAMES.length);
        assertThat(JsonFields.of(JSON, new byte[0], NAMES)).containsOnlyNulls().hasSize(NAMES.length);
    }

    @Property(tries = 400)
    void any_generated_object_reads_as_its_tree(@ForAll("documents") String document) {
        assertThat(JsonFields.of(JSON, document, NAMES)).containsExactly(tree(document));
        // the bytes, not the text: a lone surrogate the generator may produce has no UTF-8 encoding
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFields.of(JSON, bytes, NAMES)).containsExactly(tree(bytes));
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> key = Arbitraries.of("walletId", "organisation", "signer", "n", "value", "other", "");
        return Arbitraries.recursive(this::scalar, inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(3).map(items -> "[" + String.join(",", items) + "]"),
                        object(key, inner)), 3)
                .flatMap(any -> object(key, Arbitraries.oneOf(scalar(), Arbitraries.just(any))));
    }

    private Arbitrary<String> object(Arbitrary<String> key, Arbitrary<String> value) {
        return Arbitraries.entries(key, value).list().ofMaxSize(6).map(entries -> {
            StringBuilder out = new StringBuilder("{");
            entries.forEach(e -> out.append(out.length() > 1 ? "," : "").append(quoted(e.getKey())).append(':')
                    .append(e.getValue()));
            return out.append('}').toString();
        });
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12).map(JsonFieldsTest::quoted),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? String.valueOf(d) : "0"),
                Arbitraries.of("1.50", "1e3", "-0", "123456789012345678901234567890", "true", "false", "null"));
    }

    private static String quoted(String text) {
        return JSON.writeValueAsString(text);
    }

    private static String[] tree(String document) {
        return JsonFields.fromTree(JSON.readTree(document), NAMES);
    }

    private static String[] tree(byte[] document) {
        return JsonFields.fromTree(JSON.readTree(document), NAMES);
    }
}
