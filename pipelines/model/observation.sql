-- core.observation: vital signs, labs and survey answers; numeric values typed once here.
-- Text values can carry identifiers (Synthea's social-history survey records the street address),
-- so a text value is kept only when at least 11 different people share it exactly: categorical
-- answers survive, anything unique to a person is dropped.
CREATE TABLE wh.core.observation AS
WITH shared_text AS (
  SELECT value FROM valid.observations
  WHERE TRY_CAST(value AS DOUBLE) IS NULL AND value IS NOT NULL
  GROUP BY value HAVING count(DISTINCT patient) >= 11
)
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS obs_ts,
  category,
  code,
  description,
  TRY_CAST(value AS DOUBLE) AS value_num,
  CASE WHEN TRY_CAST(value AS DOUBLE) IS NULL AND value IN (SELECT value FROM shared_text) THEN value END AS value_text,
  units
FROM valid.observations;
