package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.api.identity.Caller;
import io.custody.api.wallet.ChainFamily;
import io.custody.api.wallet.OrganisationId;
import io.custody.api.wallet.SignerAddress;
import io.custody.api.withdrawal.PasskeyApprovalChallenge;
import io.custody.api.withdrawal.PasskeyAssertion;
import io.custody.infra.identity.passkey.PasskeyCeremonies.CeremonyRefused;
import java.util.HexFormat;
import java.util.Set;
import io.custody.api.wallet.WalletId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;

/**
 * What the passkey decision endpoints (votes on proposals, decisions on policy changes) do the same way: read ids that
 * must be UUIDs and a decision word from a closed set, find the decided item's opening event (which must belong to
 * the path's wallet and the caller's organisation, else the item is reported missing, never foreign), issue the
 * challenge over a decision's digest, and take the assertion that answers it.
 */
final class PasskeyDecisions {

    private PasskeyDecisions() {
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

    /**
     * Issues a single-use challenge over {@code digest} (bound to the caller's session and {@code context}) for the
     * caller's active passkeys that are among {@code signers}; refused when none is.
     */
    static ResponseEntity<PasskeyApprovalController.ChallengeResponse> challenge(PasskeyCeremonies ceremonies,
            PasskeyDirectory directory, Caller caller, List<SignerAddress> signers, String item, String context,
            String decisionWord, byte[] digest, String text) {
        Set<SignerAddress> signerSet = Set.copyOf(signers);
        List<PasskeyDirectory.Entry> usable = directory.of(caller.subject()).stream()
                .filter(PasskeyDirectory.Entry::active)
                .filter(e -> signerSet.contains(new SignerAddress(ChainFamily.EVM, e.signer())))
                .toList();
        if (usable.isEmpty()) {
            throw new RejectedException(new Rejection(Reason.NOT_A_SIGNER,
                    "None of your passkeys is a signer of this " + item, Map.of()));
        }
        var issued = ceremonies.approvalChallenge(caller.session(), caller.subject(), context,
                nonce -> PasskeyApprovalChallenge.challenge(digest, nonce));
        Map<String, Object> publicKey = Map.of(
                "challenge", WebAuthnJson.encode(issued.challenge()),
                "rpId", ceremonies.rpId(),
                "timeout", ceremonies.lifetime().toMillis(),
                "userVerification", "required",
                "allowCredentials", usable.stream()
                        .map(e -> Map.<String, Object>of("type", "public-key", "id", e.credentialId())).toList());
        return ResponseEntity.status(201).body(new PasskeyApprovalController.ChallengeResponse(decisionWord,
                WebAuthnJson.encode(issued.challenge()), WebAuthnJson.encode(issued.nonce()),
                HexFormat.of().formatHex(digest), text, issued.expiresAt(), publicKey));
    }

    /**
     * The assertion in {@code credential}, with the server nonce of the challenge it answers, which is taken (used
     * once) only if the challenge was issued to this session for {@code context}.
     */
    static PasskeyAssertion assertion(PasskeyCeremonies ceremonies, Caller caller, WebAuthnJson.Credential credential,
                                      String context) {
        byte[] credentialId = WebAuthnJson.credentialId(credential);
        WebAuthnJson.Response response = WebAuthnJson.response(credential);
        byte[] authenticatorData = WebAuthnJson.required("credential.response.authenticatorData",
                response.authenticatorData());
        byte[] clientData = WebAuthnJson.required("credential.response.clientDataJSON", response.clientDataJSON());
        byte[] signature = WebAuthnJson.required("credential.response.signature", response.signature());
        byte[] nonce;
        try {
            nonce = ceremonies.takeApproval(clientData, caller.session(), caller.subject(), context);
        } catch (CeremonyRefused refused) {
            throw PasskeyRefusals.of(refused, "approval");
        }
        return new PasskeyAssertion(WebAuthnJson.encode(credentialId), WebAuthnJson.encode(authenticatorData),
                WebAuthnJson.encode(clientData), WebAuthnJson.encode(signature), WebAuthnJson.encode(nonce));
    }

    /** The passkey signer an assertion's credential is (the decided item checks that it is one of its signers). */
    static SignerAddress signerOf(PasskeyAssertion assertion) {
        return SignerAddress.passkey(ChainFamily.EVM,
                java.util.Base64.getUrlDecoder().decode(assertion.credentialId()));
    }
}
