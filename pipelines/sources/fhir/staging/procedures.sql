-- staging.procedures from Procedure: performedPeriod or performedDateTime. The cost of a procedure sits
-- in its encounter's claim lines and is not split out here, so base_cost stays empty.
CREATE TABLE staging.procedures AS
WITH p AS (SELECT _file, _line, r, fhir.coding(r.code, '%snomed%') AS k FROM fhir.procedure)
SELECT
  _file, _line,
  fhir.utc(coalesce(r.performedPeriod.start, r.performedDateTime)) AS start,
  fhir.utc(r.performedPeriod."end") AS stop,
  fhir.ref_id(r.subject.reference) AS patient,
  fhir.ref_id(r.encounter.reference) AS encounter,
  k.system AS system,
  k.code AS code,
  coalesce(k.display, r.code.text) AS description,
  NULL::VARCHAR AS base_cost
FROM p;
