package io.custody.query.audit;

import java.time.Instant;

/**
 * What an officer searches the records of their organisation by; every criterion is optional.
 *
 * @param from inclusive, by the event's time
 * @param to   exclusive
 */
public record AuditSearch(String walletId, String actor, String eventType, Instant from, Instant to) {
}
