-- Identity and access (ADR identity-001). The directory tables are written by a subscribing event handler in the same
-- transaction as the organisation and service account events, so a revocation is in force when its command returns.
CREATE TABLE identity_organisation (
    organisation_id text PRIMARY KEY,
    name            text        NOT NULL,
    founded_at      timestamptz NOT NULL
);

CREATE TABLE identity_member (
    member_id       uuid PRIMARY KEY,
    organisation_id text        NOT NULL REFERENCES identity_organisation (organisation_id),
    display_name    text        NOT NULL,
    roles           text[]      NOT NULL,
    joined_at       timestamptz NOT NULL,
    removed_at      timestamptz
);
CREATE INDEX identity_member_by_organisation ON identity_member (organisation_id);

CREATE TABLE identity_service_account (
    service_account_id uuid PRIMARY KEY,
    organisation_id    text        NOT NULL,
    name               text        NOT NULL,
    roles              text[]      NOT NULL,
    token_hash         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    revoked_at         timestamptz
);
CREATE INDEX identity_service_account_by_organisation ON identity_service_account (organisation_id);

-- A member's login. The access tokens of a session name it (claim sid); every request checks it here, so logout and
-- revocation take effect on the next request. Only the SHA-256 of the current refresh token is kept.
CREATE TABLE identity_session (
    session_id         uuid PRIMARY KEY,
    member_id          uuid        NOT NULL,
    organisation_id    text        NOT NULL,
    credential         text        NOT NULL,
    refresh_hash       text        NOT NULL,
    refresh_generation integer     NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    revoked_at         timestamptz,
    revoked_reason     text,
    ip                 text,
    user_agent         text
);
CREATE INDEX identity_session_by_member ON identity_session (member_id);

-- The single-use enrolment of the first administrator of the first organisation.
CREATE TABLE identity_bootstrap (
    id          integer PRIMARY KEY CHECK (id = 1),
    secret_hash text        NOT NULL,
    issued_at   timestamptz NOT NULL,
    used_at     timestamptz
);
