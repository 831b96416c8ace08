package io.custody.infra.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class PostgresDuplicateKeyResolverTest {

    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @Test
    void a_unique_violation_is_a_duplicate_key_also_behind_a_batch_and_a_wrapper() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 1 was aborted", null, 0, new int[0], null);
        batch.setNextException(unique);
        assertThat(resolver.isDuplicateKeyViolation(unique)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(batch)).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("wrapped", batch))).isTrue();
    }

    @Test
    void other_failures_are_not_duplicate_keys() {
        SQLException foreignKey = new SQLException("violates foreign key constraint", "23503");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "08006", 0, new int[0],
                null);
        batch.setNextException(new SQLException("connection failure", "08006"));
        assertThat(resolver.isDuplicateKeyViolation(foreignKey)).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(batch)).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
