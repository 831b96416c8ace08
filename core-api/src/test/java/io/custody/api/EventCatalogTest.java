package io.custody.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The catalogue is complete: whoever adds an event to the published language must name it there. */
class EventCatalogTest {

    @Test
    void every_revisioned_record_of_core_api_is_in_the_catalogue() throws Exception {
        List<Class<?>> events = revisionedRecords();
        assertThat(events).as("events found by scanning core-api").hasSizeGreaterThan(20);
        assertThat(events).allSatisfy(type -> assertThat(EventCatalog.of(type))
                .as(type.getName() + " is missing from EventCatalog").isPresent());
    }

    @Test
    void the_catalogue_lists_only_revisioned_records() {
        assertThat(EventCatalog.entries()).allSatisfy(entry -> {
            assertThat(entry.type().isRecord()).isTrue();
            assertThat(entry.type().isAnnotationPresent(Revision.class)).as(entry.name()).isTrue();
        });
    }

    @Test
    void names_are_found_again_by_name_and_today_equal_the_simple_class_name() {
        assertThat(EventCatalog.entries()).allSatisfy(entry -> {
            assertThat(EventCatalog.named(entry.name())).contains(entry);
            assertThat(entry.name()).isEqualTo(entry.type().getSimpleName());
        });
    }

    @Test
    void proposal_events_are_those_of_the_proposal_stream_and_belong_to_a_wallets_history() {
        assertThat(EventCatalog.isOf("ProposalApproved", EventCatalog.Stream.PROPOSAL)).isTrue();
        assertThat(EventCatalog.isOf("WithdrawalReserved", EventCatalog.Stream.PROPOSAL)).isFalse();
        assertThat(EventCatalog.isOf("NoSuchEvent", EventCatalog.Stream.PROPOSAL)).isFalse();
        assertThat(EventCatalog.Stream.PROPOSAL.inWalletHistory()).isTrue();
        assertThat(EventCatalog.Stream.DEPOSIT.inWalletHistory()).isTrue();
        assertThat(EventCatalog.Stream.MERCHANT.inWalletHistory()).isFalse();
    }

    /** The compiled classes of core-api's main source set, loaded and filtered to {@code @Revision} records. */
    private static List<Class<?>> revisionedRecords() throws IOException, URISyntaxException {
        Path classes = Path.of(EventCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .filter(name -> !name.endsWith("package-info"))
                    .map(EventCatalogTest::load)
                    .filter(type -> type.isRecord() && type.isAnnotationPresent(Revision.class))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, EventCatalogTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
