-- core.immunization: vaccines given (CVX codes).
CREATE TABLE wh.core.immunization AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS imm_ts,
  code,
  free_text('immunization.description', code, description) AS description,
  TRY_CAST(base_cost AS DOUBLE) AS base_cost
FROM valid.immunizations;
