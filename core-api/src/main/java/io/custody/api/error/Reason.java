package io.custody.api.error;

/**
 * The stable, machine-readable cause of a rejection, finer than its {@link ErrorCode}: clients and sagas branch on the
 * reason, never on the English message. Each reason belongs to exactly one code (and so one HTTP status). The
 * {@code GENERIC_*} reasons stand for rejections that have nothing more specific to say than their code.
 */
public enum Reason {
    // 400
    INVALID_FIELD(ErrorCode.VALIDATION_ERROR),
    MISSING_FIELD(ErrorCode.VALIDATION_ERROR),
    /** An identifier (wallet, proposal, merchant, payment...) that is not in its syntax. */
    INVALID_ID(ErrorCode.VALIDATION_ERROR),
    /** Not a decimal integer of base units within 256 bits. */
    INVALID_AMOUNT(ErrorCode.VALIDATION_ERROR),
    /** A name or other free text with control characters, or empty or too long after trimming. */
    INVALID_TEXT(ErrorCode.VALIDATION_ERROR),
    /** The request refers to a custody wallet that does not exist (the request's own resource may well exist). */
    UNKNOWN_WALLET(ErrorCode.VALIDATION_ERROR),
    INSUFFICIENT_BALANCE(ErrorCode.VALIDATION_ERROR),
    DESTINATION_NOT_WHITELISTED(ErrorCode.VALIDATION_ERROR),
    /** A contract call to a contract, or a function of it, that the wallet's policy does not allow. */
    CONTRACT_NOT_ALLOWED(ErrorCode.VALIDATION_ERROR),
    /** A contract call whose function signature or arguments do not parse or do not fit their ABI types. */
    INVALID_CALL(ErrorCode.VALIDATION_ERROR),
    WRONG_CHAIN_FAMILY(ErrorCode.VALIDATION_ERROR),
    AMOUNT_NOT_POSITIVE(ErrorCode.VALIDATION_ERROR),
    EXPIRY_OUT_OF_RANGE(ErrorCode.VALIDATION_ERROR),
    SIGNER_RULES_VIOLATED(ErrorCode.VALIDATION_ERROR),
    INVALID_LIMITS(ErrorCode.VALIDATION_ERROR),
    INVALID_DELAY(ErrorCode.VALIDATION_ERROR),
    INVALID_ADDRESS(ErrorCode.VALIDATION_ERROR),
    ADDRESS_CHECKSUM_MISMATCH(ErrorCode.VALIDATION_ERROR),
    MALFORMED_JSON(ErrorCode.MALFORMED_REQUEST),
    WRONG_JSON_TYPE(ErrorCode.MALFORMED_REQUEST),
    BODY_REQUIRED(ErrorCode.MALFORMED_REQUEST),
    /** A JSON string with an unpaired UTF-16 surrogate, which is no Unicode text and could not be stored as sent. */
    INVALID_UNICODE(ErrorCode.MALFORMED_REQUEST),
    MALFORMED_URI(ErrorCode.MALFORMED_REQUEST),
    /** Not an HTTP/1.1 request at all, e.g. a request line or header that does not parse. */
    MALFORMED_HTTP(ErrorCode.MALFORMED_REQUEST),
    GENERIC_MALFORMED(ErrorCode.MALFORMED_REQUEST),
    // 401, 403
    SIGNATURE_INVALID(ErrorCode.UNAUTHENTICATED),
    /** The request has no credentials and the route needs a caller. */
    CREDENTIALS_REQUIRED(ErrorCode.UNAUTHENTICATED),
    /** The bearer token does not parse, is not signed by a key of this server, or is not valid at this time. */
    TOKEN_INVALID(ErrorCode.UNAUTHENTICATED),
    /** The session was logged out or revoked, or its member or service account no longer exists. */
    SESSION_REVOKED(ErrorCode.UNAUTHENTICATED),
    /** An enrolment link or refresh token that is unknown, expired or used already (one answer for all three). */
    ENROLMENT_INVALID(ErrorCode.UNAUTHENTICATED),
    /**
     * A passkey response that does not verify: signature, origin, RP id, user verification, client data, or a
     * credential that is unknown, revoked, another member's or a suspected clone (one answer for all of them).
     */
    PASSKEY_INVALID(ErrorCode.UNAUTHENTICATED),
    /** A passkey challenge that is unknown, used already, or was issued to another session or ceremony. */
    PASSKEY_CHALLENGE_INVALID(ErrorCode.UNAUTHENTICATED),
    /** A passkey challenge that was issued here but is older than its lifetime: ask for a new one. */
    PASSKEY_CHALLENGE_EXPIRED(ErrorCode.UNAUTHENTICATED),
    /**
     * A service account's signed JWT assertion that was refused: whatever the cause (signature, key, audience,
     * lifetime, replayed id, revoked account), one answer, so it cannot be used as an oracle.
     */
    ASSERTION_INVALID(ErrorCode.UNAUTHENTICATED),
    NOT_A_SIGNER(ErrorCode.FORBIDDEN),
    /** The caller lacks every role the route accepts. */
    ROLE_REQUIRED(ErrorCode.FORBIDDEN),
    /** The route needs a person's own credential; service accounts never act there (approvals, for one). */
    MEMBER_REQUIRED(ErrorCode.FORBIDDEN),
    /**
     * A merchant API key was used on a route outside its scopes: it may only route (and read) its own merchant's
     * payments (ADR identity-030).
     */
    MERCHANT_KEY_SCOPE(ErrorCode.FORBIDDEN),
    GENERIC_FORBIDDEN(ErrorCode.FORBIDDEN),
    // 404
    WALLET_NOT_FOUND(ErrorCode.NOT_FOUND),
    PROPOSAL_NOT_FOUND(ErrorCode.NOT_FOUND),
    POLICY_CHANGE_NOT_FOUND(ErrorCode.NOT_FOUND),
    MERCHANT_NOT_FOUND(ErrorCode.NOT_FOUND),
    SIGNER_NOT_FOUND(ErrorCode.NOT_FOUND),
    MEMBER_NOT_FOUND(ErrorCode.NOT_FOUND),
    SERVICE_ACCOUNT_NOT_FOUND(ErrorCode.NOT_FOUND),
    /** A service account has no (active or revoked) assertion key of that id. */
    KEY_NOT_FOUND(ErrorCode.NOT_FOUND),
    PASSKEY_NOT_FOUND(ErrorCode.NOT_FOUND),
    GENERIC_NOT_FOUND(ErrorCode.NOT_FOUND),
    // 405, 406
    GENERIC_METHOD_NOT_ALLOWED(ErrorCode.METHOD_NOT_ALLOWED),
    GENERIC_NOT_ACCEPTABLE(ErrorCode.NOT_ACCEPTABLE),
    // 409
    PROPOSAL_FINAL(ErrorCode.CONFLICT),
    PROPOSAL_EXPIRED(ErrorCode.CONFLICT),
    VOTE_CONFLICTS_WITH_EARLIER_VOTE(ErrorCode.CONFLICT),
    PROPOSAL_NOT_EXECUTABLE(ErrorCode.CONFLICT),
    WALLET_NOT_ACTIVE(ErrorCode.CONFLICT),
    /** The wallet has no key yet (pending its key generation, or the generation failed): no address, no money. */
    WALLET_KEY_PENDING(ErrorCode.CONFLICT),
    /** A provisioning step that does not fit the wallet's key state (retry of a wallet that did not fail, ...). */
    PROVISIONING_STATE_CONFLICT(ErrorCode.CONFLICT),
    WALLET_CLOSED(ErrorCode.CONFLICT),
    /**
     * The wallet is past its setup window and the change loosens control or changes who controls it: it must be
     * proposed to the wallet's signers ({@code POST /api/v1/wallets/{walletId}/policy-changes}, ADR identity-020).
     */
    QUORUM_REQUIRED(ErrorCode.CONFLICT),
    /** The policy change is final (applied, cancelled, failed or expired) or past the point this request needs. */
    POLICY_CHANGE_FINAL(ErrorCode.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorCode.CONFLICT),
    PAYMENT_ALREADY_ROUTED(ErrorCode.CONFLICT),
    GENERIC_CONFLICT(ErrorCode.CONFLICT),
    /** The change would leave the organisation without an administrator. */
    LAST_ADMINISTRATOR(ErrorCode.CONFLICT),
    /** Revoking this passkey would leave the member without one. */
    LAST_PASSKEY(ErrorCode.CONFLICT),
    /** The credential being registered is registered already (WebAuthn allows one account per credential). */
    PASSKEY_ALREADY_REGISTERED(ErrorCode.CONFLICT),
    /** The service account was revoked: nothing more can be added to it. */
    SERVICE_ACCOUNT_REVOKED(ErrorCode.CONFLICT),
    /** The key was revoked before; a revoked key never authenticates again, so it cannot be registered again. */
    KEY_REVOKED(ErrorCode.CONFLICT),
    /** The service account already holds the most assertion keys it may have. */
    TOO_MANY_KEYS(ErrorCode.CONFLICT),
    ID_TAKEN(ErrorCode.IDEMPOTENCY_CONFLICT),
    IDEMPOTENCY_KEY_REUSED(ErrorCode.IDEMPOTENCY_CONFLICT),
    // 413, 414, 415, 429, 431, 5xx
    REQUEST_TOO_LARGE(ErrorCode.CONTENT_TOO_LARGE),
    URI_TOO_LONG(ErrorCode.URI_TOO_LONG),
    GENERIC_UNSUPPORTED_MEDIA_TYPE(ErrorCode.UNSUPPORTED_MEDIA_TYPE),
    TOO_MANY_REQUESTS(ErrorCode.RATE_LIMITED),
    /** The caller or client address is over one of its request rate limits; retry after {@code Retry-After} s. */
    RATE_LIMIT_EXCEEDED(ErrorCode.RATE_LIMITED),
    HEADERS_TOO_LARGE(ErrorCode.HEADERS_TOO_LARGE),
    INTERNAL(ErrorCode.INTERNAL_ERROR),
    UNAVAILABLE(ErrorCode.SERVICE_UNAVAILABLE);

    private final ErrorCode code;

    Reason(ErrorCode code) {
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The reason of a rejection that only knows its code. */
    public static Reason genericFor(ErrorCode code) {
        return switch (code) {
            case VALIDATION_ERROR -> INVALID_FIELD;
            case MALFORMED_REQUEST -> GENERIC_MALFORMED;
            case UNAUTHENTICATED -> SIGNATURE_INVALID;
            case FORBIDDEN -> GENERIC_FORBIDDEN;
            case NOT_FOUND -> GENERIC_NOT_FOUND;
            case METHOD_NOT_ALLOWED -> GENERIC_METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> GENERIC_NOT_ACCEPTABLE;
            case CONFLICT -> GENERIC_CONFLICT;
            case IDEMPOTENCY_CONFLICT -> IDEMPOTENCY_KEY_REUSED;
            case CONTENT_TOO_LARGE -> REQUEST_TOO_LARGE;
            case URI_TOO_LONG -> URI_TOO_LONG;
            case HEADERS_TOO_LARGE -> HEADERS_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> GENERIC_UNSUPPORTED_MEDIA_TYPE;
            case RATE_LIMITED -> TOO_MANY_REQUESTS;
            case INTERNAL_ERROR -> INTERNAL;
            case SERVICE_UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
