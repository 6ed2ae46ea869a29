-- core.encounter: one row per valid encounter with class, costs and the payer.
CREATE TABLE wh.core.encounter AS
SELECT
  pseudonym(id) AS encounter_id,
  person_pseudonym(patient) AS person_id,
  organization_pseudonym(nullif(organization, '')) AS organization_id,
  payer_pseudonym(nullif(payer, '')) AS payer_id,
  lower(encounterclass) AS encounter_class,
  code,
  free_text('encounter.description', code, description) AS description,
  parse_ts(start) AS start_ts,
  parse_ts(stop) AS stop_ts,
  TRY_CAST(base_cost AS DOUBLE) AS base_cost,
  TRY_CAST(total_cost AS DOUBLE) AS total_cost,
  TRY_CAST(payer_coverage AS DOUBLE) AS payer_coverage,
  nullif(reasoncode, '') AS reason_code
FROM valid.encounters;
