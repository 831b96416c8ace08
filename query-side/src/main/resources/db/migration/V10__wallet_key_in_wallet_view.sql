-- The wallet's key as the provisioning saga activated it (public data only: the MPC cluster's key id, the public key,
-- the chain address derived from it), and what a wallet pending its key waits for or why its provisioning failed.
-- Existing rows keep NULLs: their wallets were created before provisioning existed and stay PENDING_KEY.
ALTER TABLE wallet_view
    ADD COLUMN address       VARCHAR(80),
    ADD COLUMN public_key    VARCHAR(140),
    ADD COLUMN key_id        VARCHAR(64),
    ADD COLUMN status_reason VARCHAR(520);

CREATE INDEX wallet_view_by_address ON wallet_view (lower(address)) WHERE address IS NOT NULL;
