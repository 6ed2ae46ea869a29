-- staging.patients from Patient: sex F/M, US Core race and ethnicity as Synthea's values, and of the
-- current home address only the state, county (Address.district, "aka county", or a county extension)
-- and ZIP code. A deceasedBoolean without a date leaves deathdate empty.
CREATE TABLE staging.patients AS
WITH p AS (SELECT _file, _line, full_url, r, fhir.home_address(r.address) AS a FROM fhir.patient)
SELECT
  _file, _line,
  fhir.resource_id(r.id, full_url) AS id,
  r.birthDate AS birthdate,
  fhir.utc(r.deceasedDateTime) AS deathdate,
  CASE lower(r.gender) WHEN 'female' THEN 'F' WHEN 'male' THEN 'M' ELSE r.gender END AS gender,
  fhir.race(r.extension) AS race,
  fhir.ethnicity(r.extension) AS ethnicity,
  a.state AS state,
  coalesce(nullif(a.district, ''), fhir.address_extension(a, '%county')) AS county,
  fhir.address_extension(a, '%fips%') AS fips,
  a.postalCode AS zip
FROM p;
