-- staging.payer_transitions: who was enrolled with which payer, when.
-- 1. From Coverage (Bulk Data exports have them): beneficiary, first payor and period.
-- 2. For a person without any Coverage, from the encounter claims billed for them (fhir.encounter_bills: the
--    Claim's and ExplanationOfBenefit's payer and day of service). Synthea's Bundles are such an extract: they
--    carry no standalone Coverage, only the payer of each Claim (insurance.coverage.display) and the Coverage
--    contained in each ExplanationOfBenefit (synthetichealth/synthea, export/FhirR4.java). A Synthea Bundle is a
--    lifetime record, and Synthea keeps everyone in a plan from birth (NO_INSURANCE included), so:
--    - a run of claims billed to one payer is one span, from its first claim to the first claim billed to
--      another payer (where the switch happened in between, a claims extract cannot tell: the new payer's
--      first claim is the latest it can have been). The spans meet on that day, as Synthea CSV's transitions do;
--    - the first span starts at birth (or at its first claim, should that come first or the birth date be missing);
--    - the last span ends at death, else at the end of the extract (the last encounter of anyone in it).
--    A transition's `_file`/`_line` is the claim that starts it.
-- A person with neither Coverage nor claims is enrolled from their first to their last encounter by the model
-- (model/coverage.sql), and stage-fhir.ts's describeEnrolment() says how many.
CREATE TABLE staging.payer_transitions AS
WITH covered AS (
  SELECT DISTINCT fhir.ref_id(r.beneficiary.reference) AS patient FROM fhir.coverage
), encounters AS (
  SELECT fhir.resource_id(r.id, full_url) AS id, min(fhir.ref_id(r.subject.reference)) AS patient,
         min(TRY_CAST(fhir.utc(r.period.start) AS TIMESTAMP)) AS start,
         max(TRY_CAST(fhir.utc(coalesce(r.period."end", r.period.start)) AS TIMESTAMP)) AS stop
  FROM fhir.encounter GROUP BY 1
), extract_end AS (
  SELECT max(stop) AS ts FROM encounters
), claims AS (
  -- The day of service is the encounter's start (Synthea's Claim.billablePeriod), else what the claim says.
  SELECT b._file, b._line, coalesce(b.patient, e.patient) AS patient, b.payer,
         coalesce(e.start, TRY_CAST(b.service_date AS TIMESTAMP)) AS ts
  FROM fhir.encounter_bills b LEFT JOIN encounters e ON e.id = b.encounter
), billed AS (
  SELECT *, lag(payer) OVER (PARTITION BY patient ORDER BY ts, payer, _file, _line) AS previous_payer
  FROM claims
  WHERE patient IS NOT NULL AND payer IS NOT NULL AND ts IS NOT NULL AND patient NOT IN (SELECT patient FROM covered WHERE patient IS NOT NULL)
), runs AS (
  SELECT _file, _line, patient, payer, ts,
         row_number() OVER (PARTITION BY patient ORDER BY ts, payer, _file, _line) = 1 AS first_run,
         lead(ts) OVER (PARTITION BY patient ORDER BY ts, payer, _file, _line) AS next_start
  FROM billed WHERE previous_payer IS DISTINCT FROM payer
)
SELECT
  _file, _line,
  fhir.ref_id(r.beneficiary.reference) AS patient,
  fhir.payer_key(r.payor[1]) AS payer,
  fhir.utc(r.period.start) AS start,
  fhir.utc(r.period."end") AS "end"
FROM fhir.coverage
UNION ALL
SELECT
  u._file, u._line, u.patient, u.payer,
  CASE WHEN u.first_run AND TRY_CAST(p.birthdate AS DATE) < u.ts THEN p.birthdate
       ELSE strftime(u.ts, '%Y-%m-%dT%H:%M:%SZ') END AS start,
  coalesce(strftime(u.next_start, '%Y-%m-%dT%H:%M:%SZ'), p.deathdate, strftime(x.ts, '%Y-%m-%dT%H:%M:%SZ')) AS "end"
FROM runs u LEFT JOIN staging.patients p ON p.id = u.patient, extract_end x;
