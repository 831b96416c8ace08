-- chain-gateway state that must survive a restart (ADR chain-009): nonce bookkeeping per sender and where each
-- deposit watch stands. Written by io.custody.chain.store.Jdbc*Store in plain JDBC.

CREATE TABLE chain_nonce (
    chain       VARCHAR(100) NOT NULL,
    sender      VARCHAR(100) NOT NULL,
    next_nonce  NUMERIC(78)  NOT NULL,
    reserved    NUMERIC(78)[] NOT NULL,
    broadcast   NUMERIC(78)[] NOT NULL,
    free        NUMERIC(78)[] NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (chain, sender)
);

CREATE TABLE chain_scan_position (
    watch_id    VARCHAR(200) PRIMARY KEY,
    next_block  BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE chain_scan_block (
    watch_id    VARCHAR(200) NOT NULL REFERENCES chain_scan_position (watch_id) ON DELETE CASCADE,
    height      BIGINT       NOT NULL,
    hash        VARCHAR(66)  NOT NULL,
    PRIMARY KEY (watch_id, height)
);

CREATE TABLE chain_scan_deposit (
    watch_id     VARCHAR(200) NOT NULL REFERENCES chain_scan_position (watch_id) ON DELETE CASCADE,
    seq          INT          NOT NULL,
    tx_hash      VARCHAR(66)  NOT NULL,
    log_index    INT          NOT NULL,
    to_address   VARCHAR(100) NOT NULL,
    from_address VARCHAR(100),
    asset        VARCHAR(300) NOT NULL,
    amount       NUMERIC(78)  NOT NULL,
    block_number BIGINT       NOT NULL,
    block_hash   VARCHAR(66)  NOT NULL,
    confirmed    BOOLEAN      NOT NULL,
    PRIMARY KEY (watch_id, tx_hash, log_index)
);
