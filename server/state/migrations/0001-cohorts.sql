-- Saved cohorts (issue 12): one row per cohort, replacing <state>/cohorts.json.
-- `position` keeps the order in which cohorts were saved (the list order); `created_at` is UTC.
CREATE SEQUENCE cohort_position START 1;

CREATE TABLE cohorts (
  id         VARCHAR PRIMARY KEY,
  position   BIGINT NOT NULL DEFAULT nextval('cohort_position'),
  name       VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  definition JSON NOT NULL
);
