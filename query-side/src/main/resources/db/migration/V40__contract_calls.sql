-- Contract-call proposals (issue 15): the call a proposal makes, and the contracts a wallet's policy allows.
-- Transfers keep NULL call columns; the read models are rebuilt from the event store like V2 and V3.

ALTER TABLE proposal_view
    ADD COLUMN call_function  TEXT,
    ADD COLUMN call_arguments TEXT[],
    ADD COLUMN call_data      TEXT;

-- contract address (lower case) -> {"label", "functions", "minApprovals"}
ALTER TABLE wallet_view
    ADD COLUMN allowed_contracts JSONB NOT NULL DEFAULT '{}'::jsonb;

-- the earliest time an approved transaction may execute (a repayment scheduled on its due date); NULL for none
ALTER TABLE proposal_view
    ADD COLUMN not_before TIMESTAMPTZ;
