-- The audit log (issue 13): one record per domain event, the leaves of an RFC 9162 Merkle tree, and the signed
-- checkpoints over it. Append-only: V31 makes the database refuse UPDATE, DELETE and TRUNCATE on these tables.

CREATE TABLE audit_record (
    -- the record's leaf index in the Merkle tree: 0, 1, 2, ... in the order the audit-log processor recorded them
    leaf_index         BIGINT       NOT NULL PRIMARY KEY,
    event_id           VARCHAR(255) NOT NULL UNIQUE,
    global_index       BIGINT       NOT NULL,
    aggregate_type     VARCHAR(255),
    aggregate_id       VARCHAR(255) NOT NULL,
    aggregate_sequence BIGINT       NOT NULL,
    event_type         VARCHAR(100) NOT NULL,
    organisation_id    VARCHAR(255),
    wallet_id          VARCHAR(64),
    actor              VARCHAR(255),
    target_type        VARCHAR(32)  NOT NULL,
    target_id          VARCHAR(255),
    -- the payload as stored, kept as text (not jsonb, which would reorder keys and change the leaf data)
    details            TEXT         NOT NULL,
    ip_address         VARCHAR(64),
    user_agent         TEXT,
    session_id         VARCHAR(255),
    trace_id           VARCHAR(255),
    -- the event store's timestamp text, which is what the leaf encodes; occurred_at_ts is the same instant for search
    occurred_at        VARCHAR(64)  NOT NULL,
    occurred_at_ts     TIMESTAMPTZ  NOT NULL,
    event_hash         CHAR(64)     NOT NULL,
    leaf_hash          BYTEA        NOT NULL,
    recorded_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX audit_record_by_organisation ON audit_record (organisation_id, leaf_index);
CREATE INDEX audit_record_by_wallet ON audit_record (wallet_id, leaf_index);
CREATE INDEX audit_record_by_actor ON audit_record (organisation_id, actor, leaf_index);
CREATE INDEX audit_record_by_type ON audit_record (organisation_id, event_type, leaf_index);
CREATE INDEX audit_record_by_time ON audit_record (organisation_id, occurred_at_ts);

-- Hashes of the tree's perfect subtrees: (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level).
CREATE TABLE audit_tree_node (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints, C2SP tlog-checkpoint notes, one per published tree size.
CREATE TABLE audit_checkpoint (
    tree_size  BIGINT      NOT NULL PRIMARY KEY,
    root_hash  BYTEA       NOT NULL,
    note       TEXT        NOT NULL,
    key_name   VARCHAR(255) NOT NULL,
    key_id     CHAR(8)     NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
