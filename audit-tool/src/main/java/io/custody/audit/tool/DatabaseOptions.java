package io.custody.audit.tool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the event store is, and the read-only connection to it: a read-only, repeatable-read transaction, so the tool
 * sees one snapshot and PostgreSQL itself refuses any write the tool might attempt.
 */
final class DatabaseOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--db-url", defaultValue = "${env:CUSTODY_DB_URL}",
            description = "JDBC URL of the PostgreSQL holding the audit tables and, unless --axon-server is given, "
                    + "the JDBC event store (env CUSTODY_DB_URL)")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:CUSTODY_DB_USER}", description = "database user")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:CUSTODY_DB_PASSWORD}", arity = "0..1",
            interactive = true, description = "database password (env CUSTODY_DB_PASSWORD; prompted when given "
                    + "without a value)")
    char[] password;

    Connection open() throws SQLException {
        return open(1).get(0);
    }

    /**
     * {@code count} connections that see one snapshot: the first one's transaction exports its snapshot and the
     * others import it (PostgreSQL's {@code SET TRANSACTION SNAPSHOT}), so reading different tables on different
     * connections gives what one transaction would read. The caller keeps the first one open while it uses them.
     */
    List<Connection> open(int count) throws SQLException {
        if (url == null || url.isBlank()) {
            String missing = "Missing required option: '--db-url' (or CUSTODY_DB_URL)";
            throw spec == null ? new IllegalArgumentException(missing)
                    : new ParameterException(spec.commandLine(), missing);
        }
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", new String(password));
            java.util.Arrays.fill(password, '\0');
        }
        properties.setProperty("readOnly", "true");
        List<Connection> connections = new ArrayList<>();
        try {
            String snapshot = null;
            for (int i = 0; i < count; i++) {
                Connection connection = readOnly(DriverManager.getConnection(url, properties));
                connections.add(connection);
                if (i == 0 && count > 1) {
                    try (Statement statement = connection.createStatement();
                         ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
                        rs.next();
                        snapshot = rs.getString(1);
                    }
                } else if (i > 0) {
                    try (PreparedStatement statement = connection.prepareStatement("SET TRANSACTION SNAPSHOT '"
                            + snapshot.replace("'", "''") + "'")) {
                        statement.execute();
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            for (Connection connection : connections) {
                connection.close();
            }
            throw e;
        } finally {
            properties.remove("password");
        }
        return connections;
    }

    private static Connection readOnly(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
        }
        return connection;
    }
}
