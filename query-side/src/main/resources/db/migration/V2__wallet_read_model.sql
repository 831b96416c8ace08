-- Read models of custody wallets (query-side). Rebuilt from the event store by resetting the
-- 'wallet-read-model' processing group, so nothing here is the source of truth.

CREATE TABLE wallet_view (
    wallet_id     UUID         PRIMARY KEY,
    organisation  VARCHAR(64)  NOT NULL,
    name          VARCHAR(120) NOT NULL,
    chain_family  VARCHAR(16)  NOT NULL,
    signers       TEXT[]       NOT NULL,
    threshold     INTEGER      NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    -- global sequence of the last event applied, so a client can tell how fresh the row is
    version       BIGINT       NOT NULL
);

-- Listing is newest first, optionally per organisation; wallet_id breaks ties for a stable order across pages.
CREATE INDEX wallet_view_listing ON wallet_view (created_at DESC, wallet_id);
CREATE INDEX wallet_view_org_listing ON wallet_view (organisation, created_at DESC, wallet_id);

-- Every event of a wallet with its global sequence: the history behind GET /api/v1/wallets/{id}/events.
CREATE TABLE wallet_event_log (
    global_index    BIGINT       PRIMARY KEY,
    wallet_id       UUID         NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(128) NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    -- json, not jsonb: the stream sends the event exactly as it was written
    payload         JSON         NOT NULL
);

CREATE INDEX wallet_event_log_by_wallet ON wallet_event_log (wallet_id, global_index);
