-- Read models recreated for one tracking processor per projection (ADR 012). Nothing here is the source of truth:
-- the new processors have no token yet, so each starts at the beginning of the event store and rebuilds its tables.
-- V2-V4 stay as applied; their tables are dropped here rather than altered because every column that held a global
-- index is replaced by a position that belongs to the event (aggregate id + sequence number), and every row gains
-- the organisation it belongs to.

DROP TABLE wallet_event_log, wallet_view, wallet_token_limits, balance_view, proposal_vote_view, proposal_view,
    escrow_transaction_view, merchant_view;

-- The processor that wrote all of the above no longer exists; its token would only confuse an operator.
DELETE FROM TokenEntry WHERE processorName = 'wallet-read-model';

-- processor 'wallet-view' ------------------------------------------------------------------------------------------

CREATE TABLE wallet_view (
    wallet_id              UUID         PRIMARY KEY,
    organisation_id        VARCHAR(64)  NOT NULL,
    name                   VARCHAR(120) NOT NULL,
    chain_family           VARCHAR(16)  NOT NULL,
    signers                TEXT[]       NOT NULL,
    threshold              INTEGER      NOT NULL,
    status                 VARCHAR(32)  NOT NULL,
    wallet_status          VARCHAR(16)  NOT NULL DEFAULT 'ACTIVE',
    withdrawal_delay_hours INTEGER      NOT NULL DEFAULT 0,
    whitelist              TEXT[]       NOT NULL DEFAULT '{}',
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    -- sequence number, in the wallet's own stream, of the last event applied: the wallet's aggregate version.
    -- Every update is guarded by "version < the event's", which makes a redelivered event a no-op.
    version                BIGINT       NOT NULL
);

CREATE INDEX wallet_view_listing ON wallet_view (created_at DESC, wallet_id);
CREATE INDEX wallet_view_org_listing ON wallet_view (organisation_id, created_at DESC, wallet_id);

CREATE TABLE wallet_token_limits (
    wallet_id       UUID           NOT NULL,
    token           VARCHAR(128)   NOT NULL,
    organisation_id VARCHAR(64)    NOT NULL,
    -- NUMERIC(78,0) holds any uint256; NULL means "no limit"
    single          NUMERIC(78, 0),
    daily           NUMERIC(78, 0),
    weekly          NUMERIC(78, 0),
    PRIMARY KEY (wallet_id, token)
);

-- processor 'wallet-event-log' -------------------------------------------------------------------------------------

-- Every event of a wallet's history (its own stream, its proposals' and its deposits'): the rows behind
-- GET /api/v1/wallets/{id}/events.
CREATE TABLE wallet_event_log (
    -- the SSE event id. Assigned by the processor's single thread in the order events are delivered, and each
    -- transaction commits before the next begins, so a row never becomes visible after a row with a higher position
    -- (global indexes do not have this property: a transaction that commits late fills a gap below positions
    -- already served).
    position         BIGSERIAL    PRIMARY KEY,
    wallet_id        UUID         NOT NULL,
    organisation_id  VARCHAR(64)  NOT NULL,
    stream           VARCHAR(16)  NOT NULL,
    aggregate_id     VARCHAR(255) NOT NULL,
    sequence_number  BIGINT       NOT NULL,
    event_type       VARCHAR(128) NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    occurred_at      TIMESTAMPTZ  NOT NULL,
    -- json, not jsonb: the stream sends the event exactly as it was written
    payload          JSON         NOT NULL,
    -- what makes a redelivered event a no-op: its place in its own aggregate's stream
    UNIQUE (aggregate_id, sequence_number)
);

CREATE INDEX wallet_event_log_by_wallet ON wallet_event_log (wallet_id, position);

-- processor 'balance-view' -----------------------------------------------------------------------------------------

-- The organisation of each wallet, from CustodyWalletCreated, so balance rows can carry it without reading wallet_view.
CREATE TABLE balance_wallet (
    wallet_id       UUID        PRIMARY KEY,
    organisation_id VARCHAR(64) NOT NULL
);

CREATE TABLE balance_view (
    wallet_id       UUID           NOT NULL,
    token           VARCHAR(128)   NOT NULL,
    organisation_id VARCHAR(64)    NOT NULL,
    deposited       NUMERIC(78, 0) NOT NULL DEFAULT 0,
    withdrawn       NUMERIC(78, 0) NOT NULL DEFAULT 0,
    reserved        NUMERIC(78, 0) NOT NULL DEFAULT 0,
    -- when the chain last told us about this balance (a credited deposit); the stale flag is computed from it
    observed_at     TIMESTAMPTZ    NOT NULL,
    updated_at      TIMESTAMPTZ    NOT NULL,
    -- sequence number, in the wallet's stream, of the last event applied to this row: balances are sums, so a
    -- redelivered event must be recognised, and all balance events are on the wallet's stream
    version         BIGINT         NOT NULL,
    PRIMARY KEY (wallet_id, token)
);

-- processor 'proposal-view' ----------------------------------------------------------------------------------------

CREATE TABLE proposal_view (
    proposal_id        UUID           PRIMARY KEY,
    wallet_id          UUID           NOT NULL,
    organisation_id    VARCHAR(64)    NOT NULL,
    nonce              BIGINT         NOT NULL,
    chain_family       VARCHAR(16)    NOT NULL,
    proposer           VARCHAR(66)    NOT NULL,
    to_address         VARCHAR(66)    NOT NULL,
    token              VARCHAR(128)   NOT NULL,
    amount             NUMERIC(78, 0) NOT NULL,
    signers            TEXT[]         NOT NULL,
    threshold          INTEGER        NOT NULL,
    required_approvals INTEGER        NOT NULL,
    limit_breaches     TEXT[]         NOT NULL,
    delay_hours        INTEGER        NOT NULL,
    status             VARCHAR(16)    NOT NULL,
    expires_at         TIMESTAMPTZ    NOT NULL,
    executable_after   TIMESTAMPTZ,
    delay_elapsed      BOOLEAN        NOT NULL DEFAULT FALSE,
    transaction_hash   VARCHAR(100),
    failure_reason     TEXT,
    created_at         TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL,
    -- sequence number, in the proposal's own stream, of the last event applied
    version            BIGINT         NOT NULL,
    UNIQUE (wallet_id, nonce)
);

CREATE INDEX proposal_view_by_wallet ON proposal_view (wallet_id, nonce DESC);

CREATE TABLE proposal_vote_view (
    proposal_id     UUID         NOT NULL,
    signer          VARCHAR(66)  NOT NULL,
    organisation_id VARCHAR(64)  NOT NULL,
    decision        VARCHAR(8)   NOT NULL,
    signature       TEXT         NOT NULL,
    public_key      VARCHAR(66),
    reason          TEXT,
    voted_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (proposal_id, signer)
);

-- processor 'escrow-view' ------------------------------------------------------------------------------------------

-- The organisation of each custody wallet, from CustodyWalletCreated, for the merchants and payments routed to it.
CREATE TABLE escrow_wallet (
    wallet_id       UUID        PRIMARY KEY,
    organisation_id VARCHAR(64) NOT NULL
);

CREATE TABLE merchant_view (
    merchant_id       VARCHAR(64)  PRIMARY KEY,
    -- the organisation of the merchant's custody wallet; NULL for a merchant paid directly, because merchants do
    -- not belong to an organisation of their own yet (MerchantRegistered names none)
    organisation_id   VARCHAR(64),
    name              VARCHAR(120) NOT NULL,
    direct_wallet     VARCHAR(66)  NOT NULL,
    custody_wallet_id UUID,
    custody_address   VARCHAR(66),
    registered_at     TIMESTAMPTZ  NOT NULL
);

-- One row per routed payment; for routing = 'ESCROW' this is the escrow transaction of seed Property 5.
CREATE TABLE escrow_transaction_view (
    merchant_id       VARCHAR(64)    NOT NULL,
    idempotency_key   VARCHAR(128)   NOT NULL,
    -- the organisation of the custody wallet paid into; NULL for a direct payment (see merchant_view)
    organisation_id   VARCHAR(64),
    payment_id        VARCHAR(128)   NOT NULL,
    payer             VARCHAR(128),
    token             VARCHAR(128)   NOT NULL,
    amount            NUMERIC(78, 0) NOT NULL,
    routing           VARCHAR(8)     NOT NULL,
    custody_wallet_id UUID,
    destination       VARCHAR(66)    NOT NULL,
    routed_at         TIMESTAMPTZ    NOT NULL,
    -- the event's place in the merchant's stream: orders a merchant's payments without a global index
    sequence_number   BIGINT         NOT NULL,
    PRIMARY KEY (merchant_id, idempotency_key),
    UNIQUE (merchant_id, payment_id)
);

CREATE INDEX escrow_transaction_by_wallet ON escrow_transaction_view (custody_wallet_id, routed_at DESC);
CREATE INDEX escrow_transaction_by_merchant ON escrow_transaction_view (merchant_id, sequence_number DESC);
