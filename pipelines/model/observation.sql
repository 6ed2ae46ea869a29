-- core.observation: vital signs, labs and survey answers; numeric values typed once here.
CREATE TABLE wh.core.observation AS
SELECT
  pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS obs_ts,
  category,
  code,
  description,
  TRY_CAST(value AS DOUBLE) AS value_num,
  CASE WHEN TRY_CAST(value AS DOUBLE) IS NULL THEN value END AS value_text,
  units
FROM valid.observations;
