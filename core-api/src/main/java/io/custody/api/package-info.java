/**
 * The published language of the custody backend: commands, events, queries, results and value types, as Java records.
 *
 * <p>Everything here is serialised into the event store and onto the wire, so every event carries a
 * {@link org.axonframework.serialization.Revision} and changes to it are additive. This module depends on the JDK,
 * Axon's annotations and Jakarta validation only; the architecture tests enforce that it never sees Spring.
 */
package io.custody.api;
