-- Merchant API keys (ADR identity-030). Written by the subscribing identity directory handler in the transaction of the
-- key's event, so a revoked key stops authenticating when its command returns. Only the SHA-256 of the secret is kept.
-- last_used_at is not from events: authentication sets it, at most once a minute per key.
CREATE TABLE identity_merchant_api_key (
    key_id          text PRIMARY KEY,
    merchant_id     text        NOT NULL,
    organisation_id text        NOT NULL,
    secret_hash     text        NOT NULL,
    label           text        NOT NULL,
    scopes          text[]      NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
CREATE INDEX identity_merchant_api_key_by_merchant ON identity_merchant_api_key (merchant_id);
