-- The withdrawal execution journal (saga-orchestrator). One row per proposal, ever: the primary key is what makes
-- "exactly one on-chain transaction per proposal" hold across restarts and concurrent runs. The unsigned transaction
-- is written before it is signed (so a restart signs the very same bytes under the same MPC idempotency key), and
-- the signed bytes with their hash are written before the first broadcast (so a restart rebroadcasts them and never
-- signs another transfer).
CREATE TABLE withdrawal_transaction (
    proposal_id  UUID         PRIMARY KEY,
    wallet_id    UUID         NOT NULL,
    chain        VARCHAR(64)  NOT NULL,
    sender       VARCHAR(80)  NOT NULL,
    nonce        BIGINT       NOT NULL,
    -- PREPARED (unsigned, nonce reserved) -> SIGNED (bytes journaled) -> BROADCAST -> CONFIRMED | FAILED
    state        VARCHAR(16)  NOT NULL,
    unsigned_tx  BYTEA        NOT NULL,
    signed_tx    BYTEA,
    tx_hash      VARCHAR(66)  UNIQUE,
    broadcasts   INTEGER      NOT NULL DEFAULT 0,
    last_error   VARCHAR(500),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Wallet addresses the deposit watch looks at, from CustodyWalletCreated/Activated (saga-side, not a read model).
CREATE TABLE deposit_watch_wallet (
    wallet_id    UUID        PRIMARY KEY,
    chain_family VARCHAR(16) NOT NULL
);

CREATE TABLE deposit_watch_address (
    address    VARCHAR(80)  PRIMARY KEY,
    wallet_id  UUID         NOT NULL,
    chain_family VARCHAR(16) NOT NULL
);

-- How far the deposit watch has scanned, per chain, so a restart resumes instead of rescanning from genesis.
CREATE TABLE deposit_watch_position (
    chain       VARCHAR(64) PRIMARY KEY,
    next_block  BIGINT      NOT NULL
);
