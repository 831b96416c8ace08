package io.custody.audit.tool;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the event store is, and the read-only connection to it: a read-only, repeatable-read transaction, so the tool
 * sees one snapshot and PostgreSQL itself refuses any write the tool might attempt.
 */
final class DatabaseOptions {

    @Option(names = "--db-url", required = true, defaultValue = "${env:CUSTODY_DB_URL}",
            description = "JDBC URL of the event store's PostgreSQL (env CUSTODY_DB_URL)")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:CUSTODY_DB_USER}", description = "database user")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:CUSTODY_DB_PASSWORD}", arity = "0..1",
            interactive = true, description = "database password (env CUSTODY_DB_PASSWORD; prompted when given "
                    + "without a value)")
    char[] password;

    Connection open() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", new String(password));
            java.util.Arrays.fill(password, '\0');
        }
        properties.setProperty("readOnly", "true");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
        }
        return connection;
    }
}
