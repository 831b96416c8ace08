package io.custody.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.custody.api.EventCatalog;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seed Property 13: no operation without its audit record. Every event type of core-api ({@code EventCatalogTest}
 * keeps the catalogue complete) has an audit mapping, and every field the mapping reads exists on the event.
 */
class AuditMappingCoverageTest {

    @Test
    void every_event_type_of_core_api_has_an_audit_mapping() {
        assertThat(EventCatalog.entries()).hasSizeGreaterThan(20).allSatisfy(entry ->
                assertThat(AuditMappings.of(entry.name())).as(entry.name() + " has no audit mapping").isPresent());
    }

    @Test
    void every_mapped_field_is_a_component_of_the_event_record() {
        for (EventCatalog.Entry<?> entry : EventCatalog.entries()) {
            AuditMapping mapping = AuditMappings.of(entry.name()).orElseThrow();
            Set<String> components = Arrays.stream(entry.type().getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            for (String field : List.of(mapping.targetIdField(), nonNull(mapping.walletField()),
                    nonNull(mapping.actorField()), nonNull(mapping.organisationField()))) {
                if (!field.isEmpty()) {
                    assertThat(components).as(entry.name() + "." + field).contains(field);
                }
            }
        }
    }

    @Test
    void every_event_of_a_wallets_history_names_its_wallet() {
        EventCatalog.entries().stream().filter(e -> e.stream().inWalletHistory()).forEach(entry ->
                assertThat(AuditMappings.of(entry.name()).orElseThrow().walletField()).as(entry.name()).isNotNull());
    }

    @Test
    void no_mapping_is_kept_for_an_event_that_does_not_exist() {
        assertThat(AuditMappings.all()).allSatisfy(mapping ->
                assertThat(EventCatalog.named(mapping.eventType())).as(mapping.eventType()).isPresent());
    }

    private static String nonNull(String field) {
        return field == null ? "" : field;
    }
}
