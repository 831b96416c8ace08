package io.custody.infra.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.custody.api.EventCatalog;
import io.custody.api.EventSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event the workflow generators make matches its published JSON Schema, as the analytics stream writes it (the
 * custody value-type module). The stream test publishes one sample per event type; this property checks many, so a
 * generator that strays outside a schema (or a schema narrower than the events it describes) fails here every time
 * rather than in the stream test when a sample happens to hit it.
 */
class EventSchemaConformanceProperties {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().addModule(new CustodyJsonModule()).build();

    @Property(tries = 1000)
    void every_generated_event_matches_its_schema(@ForAll("events") Object event) {
        String name = EventCatalog.of(event.getClass()).orElseThrow().name();
        JsonNode data = json.valueToTree(event);
        assertThat(SCHEMAS.computeIfAbsent(name, EventSchemaConformanceProperties::schema).validate(data))
                .as(name + " " + data).isEmpty();
    }

    @Provide
    Arbitrary<Object> events() {
        return WorkflowMessages.events();
    }

    private static Schema schema(String name) {
        try (InputStream in = EventSchemas.open(name)) {
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
