package io.custody.infra.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seed Property 14 on the application's side: no source of any module holds a statement that updates, deletes or
 * truncates an audit table (the database refuses them too, see {@code AuditLogIntegrationTest}). SQL is text to the
 * compiler, so this reads the sources.
 */
class AuditLogWriteRulesTest {

    private static final Pattern CHANGE = Pattern.compile(
            "(?i)(UPDATE\\s+audit_|DELETE\\s+FROM\\s+audit_|TRUNCATE\\s+(TABLE\\s+)?audit_)");

    @Test
    void no_main_source_updates_deletes_or_truncates_an_audit_table() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory)
                    .flatMap(AuditLogWriteRulesTest::walk)
                    .filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql")).toList();
        }
        assertThat(sources).as("main sources found").anyMatch(f -> f.endsWith("AuditLogProjection.java"));
        assertThat(sources).allSatisfy(f -> assertThat(CHANGE.matcher(read(f)).find()).as(f.toString()).isFalse());
    }

    private static Stream<Path> walk(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
