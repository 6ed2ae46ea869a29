-- core.person: one row per valid patient. Names, SSN, licence, passport, address and coordinates
-- were never staged; the id becomes a keyed pseudonym and the ZIP code its ZIP3.
CREATE TABLE wh.core.person AS
SELECT
  pseudonym(id) AS person_id,
  parse_ts(birthdate)::DATE AS birth_date,
  parse_ts(deathdate)::DATE AS death_date,
  upper(gender) AS sex,
  CASE WHEN lower(race) IN ('white', 'black', 'asian', 'native', 'hawaiian') THEN lower(race) ELSE 'other' END AS race,
  CASE WHEN lower(ethnicity) = 'hispanic' THEN 'hispanic' ELSE 'nonhispanic' END AS ethnicity,
  nullif(trim(state), '') AS state,
  nullif(trim(county), '') AS county,
  CASE WHEN regexp_full_match(fips, '\d{4,5}') THEN lpad(fips, 5, '0') END AS county_fips,
  zip3(zip) AS zip3
FROM valid.patients;
