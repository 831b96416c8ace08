package io.custody.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.core.env.MapPropertySource;

/** The connection settings of the embedded server, carrying the server itself so that it can be stopped later. */
final class EmbeddedPostgresPropertySource extends MapPropertySource {

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    EmbeddedPostgresPropertySource(Map<String, Object> properties, EmbeddedPostgres postgres, Path dataDir) {
        super(EmbeddedPostgresEnvironment.PROPERTY_SOURCE, properties);
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    EmbeddedPostgres postgres() {
        return postgres;
    }

    Path dataDir() {
        return dataDir;
    }
}
