-- Helpers of the OMOP → staging mapping; they live in the omop schema, dropped after staging.

-- The datetime column when filled, else the date column (CDM 5.4 has both for most events).
CREATE MACRO omop.moment(datetime_value, date_value) AS coalesce(nullif(trim(datetime_value), ''), date_value);

-- birth_datetime when given, else year/month/day. An unknown month or day takes the middle of its
-- range (1 July, the 15th), which halves the worst-case error of an age.
CREATE MACRO omop.birth_date(birth_datetime, y, m, d) AS coalesce(
  nullif(trim(birth_datetime), ''),
  CASE WHEN nullif(trim(y), '') IS NOT NULL THEN
    trim(y) || '-' || lpad(coalesce(nullif(trim(m), ''), '7'), 2, '0') || '-'
      || lpad(coalesce(nullif(trim(d), ''), CASE WHEN nullif(trim(m), '') IS NULL THEN '1' ELSE '15' END), 2, '0')
  END);

-- Synthea's encounter classes (row-rules.ts) from OMOP visit concepts. ETL-Synthea writes
-- ambulatory, wellness and outpatient as 9202, emergency and urgentcare as 9203, inpatient as 9201,
-- so 9202 becomes 'ambulatory' (wellness cannot be told apart). A visit_source_value that already is
-- a Synthea class is more specific and wins. Any other concept is staged as it is: the row rule
-- then quarantines the visit with the concept id, for a person to map.
CREATE MACRO omop.encounter_class(concept_id, source_value) AS CASE
  WHEN lower(trim(source_value)) IN ('wellness', 'ambulatory', 'outpatient', 'emergency', 'inpatient', 'urgentcare', 'home', 'hospice', 'snf', 'virtual')
    THEN lower(trim(source_value))
  WHEN trim(concept_id) IN ('9201', '262', '8717') THEN 'inpatient'  -- Inpatient Visit; ER and Inpatient Visit; Inpatient Hospital
  WHEN trim(concept_id) IN ('9203', '8870') THEN 'emergency'         -- Emergency Room Visit; Emergency Room - Hospital
  WHEN trim(concept_id) IN ('9202', '581477', '38004207') THEN 'ambulatory' -- Outpatient Visit; Office Visit; Ambulatory Clinic / Center
  WHEN trim(concept_id) = '8782' THEN 'urgentcare'                   -- Urgent Care Facility
  WHEN trim(concept_id) = '581476' THEN 'home'                       -- Home Visit
  WHEN trim(concept_id) = '5083' THEN 'virtual'                      -- Telehealth
  WHEN trim(concept_id) = '8546' THEN 'hospice'                      -- Hospice
  WHEN trim(concept_id) = '8863' THEN 'snf'                          -- Skilled Nursing Facility
  ELSE concept_id
END;

-- Without a vocabulary, a source code's system is read from its shape: SNOMED CT identifiers are
-- 6 to 18 digits (SNOMED CT identifier specification), ICD-10-CM codes a letter, a digit, a character
-- and an optional decimal part. Anything else is 'unknown' rather than a guess.
CREATE MACRO omop.source_code_system(code) AS CASE
  WHEN regexp_full_match(code, '\d{6,18}') THEN 'SNOMED'
  WHEN regexp_full_match(code, '[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?') THEN 'ICD10CM'
  ELSE 'unknown'
END;

-- A payer is named by payer_source_value (ETL-Synthea: the Synthea payer id), else by its payer
-- concept; a plan period with neither belongs to the 'Unknown payer'.
CREATE MACRO omop.payer_key(source_value, concept_id) AS coalesce(
  nullif(trim(source_value), ''),
  CASE WHEN coalesce(trim(concept_id), '0') NOT IN ('', '0') THEN 'payer concept ' || trim(concept_id) END,
  'unknown payer');

