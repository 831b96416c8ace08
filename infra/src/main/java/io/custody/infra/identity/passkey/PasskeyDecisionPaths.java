package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.WalletId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What the passkey decision endpoints (votes on proposals, decisions on policy changes) read from their path and body
 * the same way: ids that must be UUIDs, a decision word from a closed set, and the decided item's opening event, which
 * must belong to the path's wallet and the caller's organisation (else the item is reported missing, never foreign).
 */
final class PasskeyDecisionPaths {

    private PasskeyDecisionPaths() {
    }

    /** The id in {@code raw}, or a 400 naming {@code field} when it is not a UUID. */
    static <T> T id(String raw, Function<String, T> parse, String field, String what) {
        try {
            return parse.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new RejectedException(new Rejection(Reason.INVALID_ID, "Invalid " + what,
                    Map.of(field, List.of("must be a UUID"))));
        }
    }

    static WalletId walletId(String raw) {
        return id(raw, WalletId::parse, "walletId", "wallet id");
    }

    /** The decision {@code raw} names among {@code words} (in any case), or a 400 that lists them. */
    static <D> D decision(String raw, Map<String, D> words) {
        if (raw == null) {
            throw new RejectedException(new Rejection(Reason.MISSING_FIELD, "A decision is required",
                    Map.of("decision", List.of("is required"))));
        }
        D decision = words.get(raw.toLowerCase(Locale.ROOT));
        if (decision == null) {
            throw new RejectedException(new Rejection(Reason.INVALID_FIELD, "Invalid decision",
                    Map.of("decision", List.of("must be " + String.join(" or ", words.keySet())))));
        }
        return decision;
    }

    /**
     * The first event of the stream {@code aggregateId} when it is an {@code opening} of the path's wallet and the
     * caller's organisation; otherwise {@code notFound} with {@code message}.
     */
    static <E> E opening(EventStore events, String aggregateId, Class<E> opening, Function<E, WalletId> walletOf,
                         Function<E, OrganisationId> organisationOf, WalletId wallet, Caller caller, Reason notFound,
                         String message) {
        DomainEventStream stream = events.readEvents(aggregateId, 0L);
        Object first = stream.hasNext() ? stream.peek().getPayload() : null;
        if (opening.isInstance(first)) {
            E event = opening.cast(first);
            if (walletOf.apply(event).equals(wallet) && organisationOf.apply(event).equals(caller.organisation())) {
                return event;
            }
        }
        throw new RejectedException(new Rejection(notFound, message, Map.of()));
    }
}
