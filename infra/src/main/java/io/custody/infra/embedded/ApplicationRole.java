package io.custody.infra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded database's login role for the application, {@code custody_app}: not a superuser and owner of nothing,
 * so it cannot disable the audit log's append-only triggers (seed Property 14, ADR audit-001). The superuser
 * {@code postgres} runs the Flyway migrations, which own the tables and grant this role what it may do.
 */
final class ApplicationRole {

    static final String NAME = "custody_app";

    private ApplicationRole() {
    }

    /** Creates the role before the application connects; the migrations then grant it its rights. */
    static void ensure(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $$ BEGIN
                        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN
                            CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                        END IF;
                    END $$""".formatted(NAME, NAME));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the application's database role " + NAME, e);
        }
    }
}
