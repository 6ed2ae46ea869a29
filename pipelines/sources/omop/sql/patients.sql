-- PERSON (+ DEATH, LOCATION) → staging.patients. person_source_value holds the source system's
-- patient id and is never read; the geography is only state, county and ZIP code.
CREATE TABLE staging.patients AS
WITH deaths AS (
  -- CDM 5.4 has one DEATH row per person; should there be more, the earliest date counts.
  SELECT person_id, min(omop.moment(death_date, death_datetime)) AS deathdate FROM omop.death GROUP BY person_id
)
SELECT
  p._file,
  p._line,
  p.person_id AS id,
  omop.birth_date(p.birth_datetime, p.year_of_birth, p.month_of_birth, p.day_of_birth) AS birthdate,
  d.deathdate,
  -- OMOP gender concepts 8507 MALE and 8532 FEMALE; otherwise the source value, which the row rule
  -- quarantines unless it reads as F or M.
  CASE trim(p.gender_concept_id) WHEN '8507' THEN 'M' WHEN '8532' THEN 'F' ELSE
    CASE upper(trim(p.gender_source_value)) WHEN 'M' THEN 'M' WHEN 'MALE' THEN 'M' WHEN 'F' THEN 'F' WHEN 'FEMALE' THEN 'F'
      ELSE coalesce(nullif(trim(p.gender_source_value), ''), p.gender_concept_id, '') END
  END AS gender,
  -- OMB race concepts; with no concept (0) the source value, where ETL-Synthea keeps Synthea's race.
  CASE
    WHEN coalesce(trim(p.race_concept_id), '0') IN ('', '0') THEN p.race_source_value
    WHEN trim(p.race_concept_id) = '8527' THEN 'white'
    WHEN trim(p.race_concept_id) = '8516' THEN 'black'
    WHEN trim(p.race_concept_id) = '8515' THEN 'asian'
    WHEN trim(p.race_concept_id) = '8657' THEN 'native'
    WHEN trim(p.race_concept_id) = '8557' THEN 'hawaiian'
    ELSE 'other'
  END AS race,
  CASE trim(p.ethnicity_concept_id) WHEN '38003563' THEN 'hispanic' WHEN '38003564' THEN 'nonhispanic' ELSE p.ethnicity_source_value END AS ethnicity,
  l.state,
  -- LOCATION.county is a name in most ETLs; a five-digit value is a county FIPS code.
  CASE WHEN NOT regexp_full_match(trim(l.county), '\d{5}') THEN l.county END AS county,
  CASE WHEN regexp_full_match(trim(l.county), '\d{5}') THEN trim(l.county) END AS fips,
  l.zip
FROM omop.person p
LEFT JOIN deaths d ON d.person_id = p.person_id
LEFT JOIN omop.location l ON l.location_id = p.location_id;
