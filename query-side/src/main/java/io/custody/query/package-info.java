/**
 * The read side: projections that turn events into read models, reactive reads over R2DBC, the read REST API and its
 * Server-Sent Event streams. Each projection runs in a tracking processor of its own (its {@code PROCESSOR}
 * constant), writes its rows in the same transaction as its token, keys idempotency on the event's aggregate id and
 * sequence number, and never reads another projection's table (ADR 012). Projections never send commands.
 */
package io.custody.query;
