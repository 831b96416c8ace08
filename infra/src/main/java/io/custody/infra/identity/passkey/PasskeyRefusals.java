package io.custody.infra.identity.passkey;

import io.custody.api.error.Reason;
import io.custody.api.error.RejectedException;
import io.custody.api.error.Rejection;
import io.custody.infra.identity.passkey.PasskeyCeremonies.CeremonyRefused;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when a ceremony fails. The challenge's problems are told apart (a client can act on them: ask
 * again); everything about the credential and its verification is one answer, {@code PASSKEY_INVALID}, so a caller
 * learns nothing about which credentials exist, whose they are, or which check failed. The precise refusal goes to the
 * log (never a challenge, key or signature).
 */
final class PasskeyRefusals {

    private static final Logger log = LoggerFactory.getLogger(PasskeyRefusals.class);

    private PasskeyRefusals() {
    }

    static RejectedException of(CeremonyRefused refused, String ceremony) {
        log.info("passkey {} refused: {}", ceremony, refused.refusal());
        return switch (refused.refusal()) {
            case MALFORMED -> new RejectedException(new Rejection(Reason.INVALID_FIELD, "Invalid passkey response",
                    Map.of("credential", List.of("is not a WebAuthn " + ceremony + " response"))));
            case CHALLENGE_EXPIRED -> new RejectedException(new Rejection(Reason.PASSKEY_CHALLENGE_EXPIRED,
                    "The passkey challenge has expired; ask for a new one", Map.of()));
            case CHALLENGE_UNKNOWN, CHALLENGE_OF_ANOTHER_SESSION, CHALLENGE_OF_ANOTHER_CEREMONY ->
                    new RejectedException(new Rejection(Reason.PASSKEY_CHALLENGE_INVALID,
                            "The passkey challenge is not valid (unknown, used, or issued to another session)",
                            Map.of()));
            case UNKNOWN_CREDENTIAL, VERIFICATION_FAILED, COUNTER_REGRESSED -> invalid();
        };
    }

    static RejectedException invalid() {
        return new RejectedException(new Rejection(Reason.PASSKEY_INVALID, "The passkey response is not valid",
                Map.of()));
    }

    /** A refusal decided here rather than by the ceremony (another member's credential, a refused counter...). */
    static RejectedException invalid(String ceremony, String why) {
        log.info("passkey {} refused: {}", ceremony, why);
        return invalid();
    }
}
