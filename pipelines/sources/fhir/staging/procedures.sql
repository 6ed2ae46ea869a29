-- staging.procedures from Procedure: performedPeriod or performedDateTime. The price (Synthea's BASE_COST) is
-- not on the resource but on the line of the encounter's claim that bills it (fhir.claim_lines): the n-th
-- procedure of an encounter with a code, in file order, takes the n-th line with that code; else it stays empty.
CREATE TABLE staging.procedures AS
WITH p AS (
  SELECT _file, _line, r, fhir.coding(r.code, '%snomed%') AS k, fhir.ref_id(r.encounter.reference) AS encounter FROM fhir.procedure
), numbered AS (
  SELECT *, row_number() OVER (PARTITION BY encounter, k.code ORDER BY _file, _line) AS ordinal FROM p
)
SELECT
  p._file, p._line,
  fhir.utc(coalesce(r.performedPeriod.start, r.performedDateTime)) AS start,
  fhir.utc(r.performedPeriod."end") AS stop,
  fhir.ref_id(r.subject.reference) AS patient,
  p.encounter,
  k.system AS system,
  k.code AS code,
  coalesce(k.display, r.code.text) AS description,
  l.net AS base_cost
FROM numbered p
LEFT JOIN fhir.claim_lines l ON l.encounter = p.encounter AND l.code = p.k.code AND NOT l.visit AND l.ordinal = p.ordinal;
