-- Fee replacements of a withdrawal's transaction (saga-orchestrator). A transaction that waits too long in the pool is
-- replaced by the same transaction (same nonce, recipient, value, data and gas limit) with higher fees. Every version
-- shares the nonce, so at most one of them is ever mined: "exactly one on-chain transaction per proposal" still holds.
-- Each version is journaled like the first: its unsigned bytes before they are signed (so a restart signs the very
-- same bytes under the same MPC idempotency key), its signed bytes and hash before they are broadcast. The proposal's
-- row in withdrawal_transaction keeps the first version (signed_tx, tx_hash); this table holds the later ones. The
-- version being sent is the highest signed one; the chain is asked about all of them.
CREATE TABLE withdrawal_replacement (
    proposal_id  UUID         NOT NULL REFERENCES withdrawal_transaction (proposal_id),
    version      INTEGER      NOT NULL CHECK (version >= 2),
    unsigned_tx  BYTEA        NOT NULL,
    signed_tx    BYTEA,
    tx_hash      VARCHAR(66)  UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    signed_at    TIMESTAMPTZ,
    PRIMARY KEY (proposal_id, version)
);

-- When the chain first knew the version being sent (accepted into a pool or mined): the replacement clock starts here,
-- and starts again with each new version.
ALTER TABLE withdrawal_transaction ADD COLUMN seen_at TIMESTAMPTZ;
-- The hash that was mined, when it is a replacement's (null: the hash in tx_hash, or nothing mined yet).
ALTER TABLE withdrawal_transaction ADD COLUMN mined_hash VARCHAR(66);
