-- core.observation: vital signs, labs and survey answers; numeric values typed once here.
-- Text values can carry identifiers (Synthea's social-history survey records the street address): the
-- free-text rule keeps a text value only when at least 11 different people share it exactly, so
-- categorical answers survive and anything unique to a person is dropped (pipelines/deidentify/free-text.ts).
CREATE TABLE wh.core.observation AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS obs_ts,
  category,
  code,
  free_text('observation.description', code, description) AS description,
  TRY_CAST(value AS DOUBLE) AS value_num,
  free_text('observation.value_text', NULL, CASE WHEN TRY_CAST(value AS DOUBLE) IS NULL THEN value END) AS value_text,
  units
FROM valid.observations;
