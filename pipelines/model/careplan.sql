-- core.careplan: care plans (SNOMED) with their reason.
CREATE TABLE wh.core.careplan AS
SELECT
  pseudonym(nullif(id, '')) AS careplan_id,
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(start)::DATE AS start_date,
  parse_ts(stop)::DATE AS stop_date,
  code,
  free_text('careplan.description', code, description) AS description,
  nullif(reasoncode, '') AS reason_code
FROM valid.careplans;
