-- core.procedure: procedures with their code system and base cost.
CREATE TABLE wh.core.procedure AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  coalesce(nullif(code_system(system), ''), 'SNOMED') AS system,
  code,
  free_text('procedure.description', code, description) AS description,
  parse_ts(start) AS start_ts,
  parse_ts(stop) AS stop_ts,
  TRY_CAST(base_cost AS DOUBLE) AS base_cost
FROM valid.procedures;
