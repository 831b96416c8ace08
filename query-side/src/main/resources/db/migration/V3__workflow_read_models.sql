-- Read models of the custody workflow (query-side): wallet policy, balances, withdrawal proposals and their votes.
-- Like V2, rebuilt from the event store by resetting the 'wallet-read-model' processing group.

ALTER TABLE wallet_view
    ADD COLUMN wallet_status          VARCHAR(16) NOT NULL DEFAULT 'ACTIVE',
    ADD COLUMN withdrawal_delay_hours INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN whitelist              TEXT[]      NOT NULL DEFAULT '{}';

CREATE TABLE wallet_token_limits (
    wallet_id  UUID         NOT NULL,
    token      VARCHAR(128) NOT NULL,
    -- NUMERIC(78,0) holds any uint256; NULL means "no limit"
    single     NUMERIC(78, 0),
    daily      NUMERIC(78, 0),
    weekly     NUMERIC(78, 0),
    PRIMARY KEY (wallet_id, token)
);

CREATE TABLE balance_view (
    wallet_id   UUID           NOT NULL,
    token       VARCHAR(128)   NOT NULL,
    deposited   NUMERIC(78, 0) NOT NULL DEFAULT 0,
    withdrawn   NUMERIC(78, 0) NOT NULL DEFAULT 0,
    reserved    NUMERIC(78, 0) NOT NULL DEFAULT 0,
    -- when the chain last told us about this balance (a confirmed deposit); the stale flag is computed from it
    observed_at TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL,
    -- global sequence of the last event applied: balances are sums, so a replayed event must be recognised
    version     BIGINT         NOT NULL,
    PRIMARY KEY (wallet_id, token)
);

CREATE TABLE proposal_view (
    proposal_id        UUID           PRIMARY KEY,
    wallet_id          UUID           NOT NULL,
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
    version            BIGINT         NOT NULL,
    UNIQUE (wallet_id, nonce)
);

CREATE INDEX proposal_view_by_wallet ON proposal_view (wallet_id, nonce DESC);

CREATE TABLE proposal_vote_view (
    proposal_id UUID         NOT NULL,
    signer      VARCHAR(66)  NOT NULL,
    decision    VARCHAR(8)   NOT NULL,
    signature   TEXT         NOT NULL,
    public_key  VARCHAR(66),
    reason      TEXT,
    voted_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (proposal_id, signer)
);
