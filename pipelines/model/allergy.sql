-- core.allergy: allergies and intolerances with their code system, type, category and severity.
CREATE TABLE wh.core.allergy AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(start)::DATE AS start_date,
  parse_ts(stop)::DATE AS stop_date,
  coalesce(nullif(code_system(system), ''), 'SNOMED') AS system,
  code,
  free_text('allergy.description', code, description) AS description,
  nullif(type, '') AS type,
  nullif(category, '') AS category,
  nullif(severity1, '') AS severity
FROM valid.allergies;
