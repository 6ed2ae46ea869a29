-- core.condition: diagnoses with onset and resolution dates; the code keeps its system.
CREATE TABLE wh.core.condition AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  coalesce(nullif(code_system(system), ''), 'SNOMED') AS system,
  code,
  free_text('condition.description', code, description) AS description,
  parse_ts(start)::DATE AS start_date,
  parse_ts(stop)::DATE AS stop_date
FROM valid.conditions;
