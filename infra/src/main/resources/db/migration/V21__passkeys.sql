-- Passkeys (ADR identity-002, identity-003). The directory of credentials that login and approvals look up, kept by the
-- subscribing identity-directory handler in the transaction of the MemberPasskeys events, so a revoked passkey no
-- longer signs in once its revocation command has returned. A credential id belongs to one member only (WebAuthn §7.1
-- step 26): the primary key refuses a second registration of the same id by anyone.
CREATE TABLE identity_passkey (
    credential_id      text PRIMARY KEY,           -- base64url, no padding
    member_id          uuid        NOT NULL,
    organisation_id    text        NOT NULL,
    signer             text        NOT NULL UNIQUE, -- the wallet signer this passkey is: passkey:<base64url SHA-256(id)>
    public_key_cose    text        NOT NULL,        -- base64url COSE key
    signature_count    bigint      NOT NULL,
    backup_eligible    boolean     NOT NULL,
    backed_up          boolean     NOT NULL,
    attestation_format text        NOT NULL,
    name               text,
    registered_at      timestamptz NOT NULL,
    last_used_at       timestamptz,
    revoked_at         timestamptz
);
CREATE INDEX identity_passkey_by_member ON identity_passkey (member_id);

-- Outstanding WebAuthn challenges: random (login, registration) or derived from a proposal and a server nonce
-- (approvals). Taken with DELETE ... RETURNING, so each is used at most once across all instances and restarts.
CREATE TABLE identity_webauthn_challenge (
    challenge   text PRIMARY KEY,                    -- base64url, no padding
    kind        text        NOT NULL CHECK (kind IN ('REGISTRATION', 'AUTHENTICATION', 'APPROVAL')),
    asked_by    text        NOT NULL,                -- the session id, or the anonymous ceremony id of a login
    member_id   uuid,                                -- a login for a known member, or the member registering/approving
    context     text,                                -- approvals: wallet/proposal/decision the challenge was made for
    nonce       text,                                -- approvals: the server nonce inside the challenge
    expires_at  timestamptz NOT NULL
);
CREATE INDEX identity_webauthn_challenge_by_expiry ON identity_webauthn_challenge (expires_at);
