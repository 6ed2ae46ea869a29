-- staging.conditions from Condition: onset (or, lacking one, the date it was recorded) to abatement.
CREATE TABLE staging.conditions AS
WITH c AS (SELECT _file, _line, r, fhir.coding(r.code, '%snomed%') AS k FROM fhir.condition)
SELECT
  _file, _line,
  fhir.utc(coalesce(r.onsetDateTime, r.onsetPeriod.start, r.recordedDate)) AS start,
  fhir.utc(coalesce(r.abatementDateTime, r.abatementPeriod."end")) AS stop,
  fhir.ref_id(r.subject.reference) AS patient,
  fhir.ref_id(r.encounter.reference) AS encounter,
  k.system AS system,
  k.code AS code,
  coalesce(k.display, r.code.text) AS description
FROM c;
