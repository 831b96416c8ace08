/**
 * The audit log without a framework: a stored event becomes an {@link io.custody.audit.record.AuditRecord}
 * ({@code record}), whose canonical encoding is a leaf of an RFC 9162 Merkle tree ({@code merkle}), whose roots are
 * published as C2SP {@code tlog-checkpoint} signed notes and proven offline with C2SP {@code tlog-proof} bundles
 * ({@code note}). The audit projection and the replay tool both compute through these classes, so a divergence
 * between them can only come from the data.
 */
package io.custody.audit;
