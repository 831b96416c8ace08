package io.custody.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every event of the catalogue has a schema that a JSON Schema validator accepts and that rejects a broken event. */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @Test
    void every_catalogued_event_has_a_schema_named_by_its_stable_name_and_revision() throws IOException {
        for (EventCatalog.Entry<?> entry : EventCatalog.entries()) {
            JsonNode schema = read(entry.name());
            String revision = entry.type().getAnnotation(org.axonframework.serialization.Revision.class).value();
            assertThat(schema.get("$id").asString()).isEqualTo("urn:custody:event-schema:" + entry.name() + "/" + revision);
            assertThat(schema.get("title").asString()).isEqualTo(entry.name());
            // every record component is described, and nothing else is admitted
            assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
            var components = java.util.Arrays.stream(entry.type().getRecordComponents()).map(c -> c.getName()).toList();
            assertThat(schema.get("properties").propertyNames()).as(entry.name())
                    .containsExactlyInAnyOrderElementsOf(components);
        }
    }

    @Test
    void a_schema_rejects_an_event_with_a_required_member_missing_or_of_the_wrong_type() throws IOException {
        Schema schema = SCHEMAS.getSchema(read("DepositCredited"));
        ObjectNode valid = (ObjectNode) JSON.readTree("""
                {"walletId":"3f26f183-7e6c-4e65-9efe-21059c96b509","depositId":"0xabc:1","token":"USDC",
                 "amount":"1000","at":"2026-12-01T12:00:00Z"}""");
        assertThat(schema.validate(valid)).isEmpty();
        assertThat(schema.validate(valid.deepCopy().without("amount"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("amount", 1000))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("amount", "-5"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("walletId", "not-a-uuid"))).isNotEmpty();
        assertThat(schema.validate(valid.deepCopy().put("unexpected", 1))).isNotEmpty();
    }

    @Test
    void the_envelope_schema_requires_the_cloudevents_attributes_the_stream_sets() throws IOException {
        Schema envelope = SCHEMAS.getSchema(read(EventSchemas.ENVELOPE));
        ObjectNode event = (ObjectNode) JSON.readTree("""
                {"specversion":"1.0","id":"a","source":"/custody","type":"io.custody.DepositCredited","subject":"w",
                 "time":"2026-12-01T12:00:00Z","datacontenttype":"application/json",
                 "dataschema":"urn:custody:event-schema:DepositCredited/1","partitionkey":"w",
                 "aggregatetype":"CustodyWallet","aggregatesequence":3,"data":{}}""");
        assertThat(envelope.validate(event)).isEmpty();
        assertThat(envelope.validate(event.deepCopy().without("id"))).isNotEmpty();
        assertThat(envelope.validate(event.deepCopy().put("specversion", "0.3"))).isNotEmpty();
        assertThat(envelope.validate(event.deepCopy().put("aggregatetype", "Elsewhere"))).isNotEmpty();
    }

    @Test
    void the_envelope_schema_admits_the_aggregate_type_of_every_stream_and_no_other() throws IOException {
        var admitted = new java.util.ArrayList<String>();
        read(EventSchemas.ENVELOPE).get("properties").get("aggregatetype").get("enum")
                .forEach(v -> admitted.add(v.asString()));
        assertThat(admitted).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(EventCatalog.Stream.values())
                .map(EventCatalog.Stream::aggregateType).toList());
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = EventSchemas.open(name)) {
            assertThat(in).as("schema of " + name).isNotNull();
            return JSON.readTree(in);
        }
    }
}
