-- processor 'balance-view': deposits seen on chain below the confirmation depth (IncomingDepositSeen), until they
-- are confirmed or retracted (DepositConfirmed, DepositRetracted, on the deposit's own stream). Keyed by deposit id,
-- so a redelivered event is a no-op; a wallet's pending incoming amount per token is the sum of its rows.
CREATE TABLE balance_pending_deposit (
    deposit_id  VARCHAR(160)   PRIMARY KEY,
    wallet_id   UUID           NOT NULL,
    token       VARCHAR(128)   NOT NULL,
    amount      NUMERIC(78, 0) NOT NULL,
    seen_at     TIMESTAMPTZ    NOT NULL
);

CREATE INDEX balance_pending_deposit_wallet ON balance_pending_deposit (wallet_id, token);
