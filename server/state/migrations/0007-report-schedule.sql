-- Scheduled reports (issue 19). `report_run_keys` holds one key per scheduled instant or per load a
-- report ran for, claimed in the transaction that starts the run, so a run missed while the server
-- was down runs once when it starts, never twice. `report_pauses`: reports the scheduler skips (after
-- repeated failed runs, or paused by hand). `report_unsubscribes`: recipients who followed the signed
-- link of a message. `report_secrets`: the key that signs those links, made on first use.
CREATE TABLE report_run_keys (
  run_key    VARCHAR PRIMARY KEY,
  report_id  VARCHAR NOT NULL,
  claimed_at TIMESTAMP NOT NULL
);

CREATE TABLE report_pauses (
  report_id VARCHAR PRIMARY KEY,
  paused_at TIMESTAMP NOT NULL,
  reason    VARCHAR NOT NULL
);

CREATE TABLE report_unsubscribes (
  report_id       VARCHAR NOT NULL,
  recipient       VARCHAR NOT NULL,
  unsubscribed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (report_id, recipient)
);

CREATE TABLE report_secrets (
  name       VARCHAR PRIMARY KEY,
  secret     VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
