package io.custody.query.wallet;

import java.time.Instant;

/** One entry of a wallet's event history as the SSE stream sends it; {@code globalIndex} is the SSE event id. */
public record WalletEvent(long globalIndex, String walletId, long sequenceNumber, String type, String eventId,
                          Instant occurredAt, String payloadJson) {
}
