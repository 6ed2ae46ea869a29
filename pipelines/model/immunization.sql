-- core.immunization: vaccines given (CVX codes).
CREATE TABLE wh.core.immunization AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS imm_ts,
  code,
  description,
  TRY_CAST(base_cost AS DOUBLE) AS base_cost
FROM valid.immunizations;
