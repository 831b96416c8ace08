-- Read models of merchants and routed payments (query-side), rebuilt from the event store like V2 and V3.

CREATE TABLE merchant_view (
    merchant_id       VARCHAR(64)  PRIMARY KEY,
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
    payment_id        VARCHAR(128)   NOT NULL,
    payer             VARCHAR(128),
    token             VARCHAR(128)   NOT NULL,
    amount            NUMERIC(78, 0) NOT NULL,
    routing           VARCHAR(8)     NOT NULL,
    custody_wallet_id UUID,
    destination       VARCHAR(66)    NOT NULL,
    routed_at         TIMESTAMPTZ    NOT NULL,
    global_index      BIGINT         NOT NULL,
    PRIMARY KEY (merchant_id, idempotency_key),
    UNIQUE (merchant_id, payment_id)
);

CREATE INDEX escrow_transaction_by_wallet ON escrow_transaction_view (custody_wallet_id, global_index DESC);
CREATE INDEX escrow_transaction_by_merchant ON escrow_transaction_view (merchant_id, global_index DESC);
