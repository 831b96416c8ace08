package io.custody.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.error.ErrorCode;
import io.custody.api.error.Reason;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document clients generate code from lists exactly the codes and reasons the API answers with. */
class PublishedErrorSchemaTest {

    @Test
    @SuppressWarnings("unchecked")
    void the_published_error_schema_lists_every_code_and_reason_and_nothing_else() throws Exception {
        Map<String, Object> document;
        try (InputStream yaml = getClass().getResourceAsStream("/static/openapi.yaml")) {
            document = new Yaml().load(yaml);
        }
        Map<String, Object> error = dig(document, "components", "schemas", "Error", "properties", "error");
        Map<String, Object> properties = (Map<String, Object>) error.get("properties");

        assertThat((List<String>) error.get("required")).contains("code", "reason", "message", "traceId");
        assertThat((List<String>) dig(properties, "code").get("enum"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        assertThat((List<String>) dig(properties, "reason").get("enum"))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Reason.values()).map(Enum::name).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dig(Map<String, Object> node, String... path) {
        Map<String, Object> current = node;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }
}
