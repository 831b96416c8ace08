-- Service account key pairs (ADR identity-011). Written by the subscribing identity directory handler in the
-- transaction of the key's event, so a revoked key stops authenticating when its command returns.
CREATE TABLE identity_service_account_key (
    service_account_id uuid        NOT NULL,
    key_id             text        NOT NULL,
    algorithm          text        NOT NULL,
    public_jwk         text        NOT NULL,
    registered_at      timestamptz NOT NULL,
    revoked_at         timestamptz,
    PRIMARY KEY (service_account_id, key_id)
);

-- The ids (jti) of JWT assertions already exchanged, each kept until its assertion has expired: an assertion is good
-- for one access token only. The primary key makes "first use" one atomic INSERT.
CREATE TABLE identity_assertion_jti (
    service_account_id uuid        NOT NULL,
    jti                text        NOT NULL,
    expires_at         timestamptz NOT NULL,
    PRIMARY KEY (service_account_id, jti)
);
CREATE INDEX identity_assertion_jti_by_expiry ON identity_assertion_jti (expires_at);
