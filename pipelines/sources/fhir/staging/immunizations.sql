-- staging.immunizations from Immunization: the CVX code of vaccineCode, given at occurrence[x].
CREATE TABLE staging.immunizations AS
WITH i AS (SELECT _file, _line, r, fhir.coding(r.vaccineCode, '%cvx%') AS k FROM fhir.immunization)
SELECT
  _file, _line,
  fhir.utc(coalesce(r.occurrenceDateTime, r.occurrenceString)) AS date,
  fhir.ref_id(r.patient.reference) AS patient,
  fhir.ref_id(r.encounter.reference) AS encounter,
  k.code AS code,
  coalesce(k.display, r.vaccineCode.text) AS description,
  NULL::VARCHAR AS base_cost
FROM i;
