package io.custody.chain.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A real embedded PostgreSQL with the gateway's own migration applied, as Flyway applies it in the application. */
public final class GatewayDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private GatewayDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static GatewayDatabase start() {
        try {
            GatewayDatabase db = new GatewayDatabase(EmbeddedPostgres.builder().setRegisterShutdownHook(true).start());
            db.migrate();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    private void migrate() throws IOException {
        try (InputStream in = GatewayDatabase.class.getResourceAsStream("/db/migration/V60__chain_gateway_state.sql");
             Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new IllegalStateException("migration failed", e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
