-- staging.immunizations from Immunization: the CVX code of vaccineCode, given at occurrence[x]. The price
-- (Synthea's BASE_COST) is that of the encounter claim's line for the vaccine, matched as procedures.sql matches.
CREATE TABLE staging.immunizations AS
WITH i AS (
  SELECT _file, _line, r, fhir.coding(r.vaccineCode, '%cvx%') AS k, fhir.ref_id(r.encounter.reference) AS encounter FROM fhir.immunization
), numbered AS (
  SELECT *, row_number() OVER (PARTITION BY encounter, k.code ORDER BY _file, _line) AS ordinal FROM i
)
SELECT
  i._file, i._line,
  fhir.utc(coalesce(r.occurrenceDateTime, r.occurrenceString)) AS date,
  fhir.ref_id(r.patient.reference) AS patient,
  i.encounter,
  k.code AS code,
  coalesce(k.display, r.vaccineCode.text) AS description,
  l.net AS base_cost
FROM numbered i
LEFT JOIN fhir.claim_lines l ON l.encounter = i.encounter AND l.code = i.k.code AND NOT l.visit AND l.ordinal = i.ordinal;
