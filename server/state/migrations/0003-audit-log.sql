-- The audit trail (issue 15; HIPAA 45 CFR 164.312(b)): one row per API request, appended only,
-- hash-chained in `sequence` order (core/audit/audit-chain.ts). `parameters` is canonical JSON text,
-- exactly as hashed. `audit_anchor` holds the checkpoint the last retention pruning left: the
-- sequence and hash of the last removed record, which the remaining chain verifies from.
CREATE TABLE audit_log (
  sequence         BIGINT PRIMARY KEY,
  time             TIMESTAMP NOT NULL,
  principal        VARCHAR NOT NULL,
  role             VARCHAR,
  method           VARCHAR NOT NULL,
  route            VARCHAR NOT NULL,
  parameters       VARCHAR NOT NULL,
  body_hash        VARCHAR,
  restriction      VARCHAR,
  status           INTEGER NOT NULL,
  outcome          VARCHAR NOT NULL,
  cached           BOOLEAN NOT NULL,
  data_version     VARCHAR,
  cells_returned   BIGINT,
  cells_suppressed BIGINT,
  client_address   VARCHAR,
  duration_ms      DOUBLE NOT NULL,
  previous_hash    VARCHAR NOT NULL,
  hash             VARCHAR NOT NULL
);

CREATE TABLE audit_anchor (
  sequence   BIGINT NOT NULL,
  hash       VARCHAR NOT NULL,
  pruned_at  TIMESTAMP NOT NULL
);
