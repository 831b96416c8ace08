package io.custody.query.wallet;

import java.time.Instant;

/**
 * One entry of a wallet's history as the SSE streams send it.
 *
 * @param position       the SSE event id: increases in the order events were recorded, never reused
 * @param sequenceNumber the event's place in its own aggregate's stream ({@code aggregateId})
 * @param type           the event's name in {@link io.custody.api.EventCatalog}
 */
public record WalletEvent(long position, String walletId, String aggregateId, long sequenceNumber, String type,
                          String eventId, Instant occurredAt, String payloadJson) {
}
