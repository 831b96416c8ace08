/**
 * The read side: projections that turn events into read models (each written in the same transaction as its
 * tracking token), reactive reads over R2DBC, the read REST API and its Server-Sent Event streams. Projections never
 * send commands.
 */
package io.custody.query;
