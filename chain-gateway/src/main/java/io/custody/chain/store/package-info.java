/**
 * Gateway state that must survive a restart, behind small interfaces: {@link io.custody.chain.store.NonceStore}
 * (per-sender nonce bookkeeping) and {@link io.custody.chain.store.ScanPositionStore} (where a deposit watch is and
 * what it has reported). Each has an in-memory implementation for tests and a PostgreSQL one in plain JDBC against a
 * {@code javax.sql.DataSource}; the schema is migration {@code db/migration/V60__chain_gateway_state.sql}.
 */
package io.custody.chain.store;
