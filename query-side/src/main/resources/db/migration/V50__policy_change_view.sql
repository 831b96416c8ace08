-- Policy changes of wallets (ADR identity-020): one row per change, one per signer approval. Rebuilt from the event
-- store by replaying the policy-change-view processor, like the other read models.

CREATE TABLE policy_change_view (
    change_id          UUID         PRIMARY KEY,
    wallet_id          UUID         NOT NULL,
    organisation_id    TEXT         NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    description        TEXT         NOT NULL,
    change             JSONB        NOT NULL,
    signers            TEXT[]       NOT NULL,
    threshold          INT          NOT NULL,
    required_approvals INT          NOT NULL,
    tightening         BOOLEAN      NOT NULL,
    time_lock_seconds  BIGINT       NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    expires_at         TIMESTAMPTZ  NOT NULL,
    effective_at       TIMESTAMPTZ,
    cancelled_by       TEXT,
    failure_code       TEXT,
    failure_reason     TEXT,
    proposed_at        TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    version            BIGINT       NOT NULL
);

CREATE INDEX policy_change_view_by_wallet ON policy_change_view (wallet_id, proposed_at DESC);

CREATE TABLE policy_change_approval_view (
    change_id   UUID        NOT NULL REFERENCES policy_change_view (change_id) ON DELETE CASCADE,
    signer      TEXT        NOT NULL,
    signature   TEXT        NOT NULL,
    public_key  TEXT,
    approved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (change_id, signer)
);
