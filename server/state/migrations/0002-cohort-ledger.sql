-- The per-user cohort ledger (issue 13, docs/disclosure.md): every cohort definition a principal has
-- previewed, saved, characterized, compared or filtered a measure by, with its exact size on the
-- data version it was counted on. `definition` is the criteria and index date as JSON text (the
-- ledger's identity of a cohort); `size` is server-side only and never published.
CREATE TABLE cohort_ledger (
  principal     VARCHAR NOT NULL,
  definition    VARCHAR NOT NULL,
  name          VARCHAR,
  size          BIGINT NOT NULL,
  data_version  VARCHAR NOT NULL,
  first_used_at TIMESTAMP NOT NULL,
  last_sized_at TIMESTAMP NOT NULL,
  PRIMARY KEY (principal, definition)
);
