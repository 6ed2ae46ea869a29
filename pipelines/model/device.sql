-- core.device: devices by code; the UDI (a device serial number, a HIPAA identifier) is never read.
CREATE TABLE wh.core.device AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(start) AS start_ts,
  parse_ts(stop) AS stop_ts,
  code,
  free_text('device.description', code, description) AS description
FROM valid.devices;
