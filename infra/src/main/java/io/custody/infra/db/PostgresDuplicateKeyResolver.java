package io.custody.infra.db;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's JDBC event store that an append collided with an existing (aggregate, sequence) row. Axon's default
 * resolver only recognises {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws:
 * it reports SQLState {@code 23505}, and for a batched append inside a {@code BatchUpdateException} whose next
 * exception carries it. Unrecognised, a lost race between two writers of one aggregate (or two creators of one
 * proposal id) became an internal error instead of a concurrency conflict that the command dispatcher retries.
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isUniqueViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUniqueViolation(SQLException sql) {
        for (SQLException e = sql; e != null; e = e.getNextException()) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
