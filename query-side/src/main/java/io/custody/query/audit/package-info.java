/**
 * The tamper-evident audit log (issue 13): {@link io.custody.query.audit.AuditLogProjection} records every domain
 * event as a leaf of the log's Merkle tree, {@link io.custody.query.audit.AuditCheckpointer} signs checkpoints over
 * it, and the controllers serve records, proofs and exports. The rules themselves live in {@code audit-core}.
 */
package io.custody.query.audit;
