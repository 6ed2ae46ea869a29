-- Reports (issue 19): a report's definition (views, recipients, schedule) as JSON beside its name,
-- owner and next scheduled run (UTC); `position` keeps the order they were added in. Each run of a
-- report is a row of `report_runs`, and each of its recipients a row of `report_deliveries` whose
-- status moves queued → sent | failed, with the SMTP reply (or the .eml file written) in `detail`.
CREATE SEQUENCE report_position START 1;

CREATE TABLE reports (
  id          VARCHAR PRIMARY KEY,
  position    BIGINT NOT NULL DEFAULT nextval('report_position'),
  name        VARCHAR NOT NULL,
  owner       VARCHAR NOT NULL,
  created_at  TIMESTAMP NOT NULL,
  next_run_at TIMESTAMP,
  definition  JSON NOT NULL
);

CREATE TABLE report_runs (
  id           VARCHAR PRIMARY KEY,
  report_id    VARCHAR NOT NULL,
  trigger      VARCHAR NOT NULL,
  started_at   TIMESTAMP NOT NULL,
  finished_at  TIMESTAMP,
  status       VARCHAR NOT NULL,
  data_version VARCHAR,
  transport    VARCHAR NOT NULL,
  error        VARCHAR
);

CREATE TABLE report_deliveries (
  run_id     VARCHAR NOT NULL,
  recipient  VARCHAR NOT NULL,
  status     VARCHAR NOT NULL,
  detail     VARCHAR,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (run_id, recipient)
);
