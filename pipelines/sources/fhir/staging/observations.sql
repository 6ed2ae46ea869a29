-- staging.observations from Observation: one row per value. An observation gives a row for its own value
-- (or one with no value, when it has neither value nor components) and one per component, so a
-- blood-pressure panel (85354-9) becomes its systolic (8480-6) and diastolic (8462-4) rows, as in Synthea CSV.
-- A coded value is staged as its display text, as Synthea CSV does.
-- The observation's own elements are taken before the unnest so that only they, not the parsed resource, repeat.
CREATE TABLE staging.observations AS
WITH o AS (
  SELECT
    _file, _line,
    fhir.utc(coalesce(r.effectiveDateTime, r.effectivePeriod.start, r.effectiveInstant, r.issued)) AS date,
    fhir.ref_id(r.subject.reference) AS patient,
    fhir.ref_id(r.encounter.reference) AS encounter,
    r.category[1].coding[1].code AS category,
    CASE
      WHEN r.valueQuantity IS NOT NULL OR r.valueCodeableConcept IS NOT NULL OR r.valueString IS NOT NULL
        OR r.valueBoolean IS NOT NULL OR r.valueInteger IS NOT NULL OR r.valueDateTime IS NOT NULL
        OR len(coalesce(r.component, [])) = 0
      THEN [{'code': r.code, 'valueQuantity': r.valueQuantity, 'valueCodeableConcept': r.valueCodeableConcept,
             'valueString': r.valueString, 'valueBoolean': r.valueBoolean, 'valueInteger': r.valueInteger,
             'valueDateTime': r.valueDateTime}]
      ELSE []
    END || coalesce(r.component, []) AS vs
  FROM fhir.observation
), v AS (
  SELECT _file, _line, date, patient, encounter, category, unnest(vs) AS v FROM o
), k AS (
  SELECT *, fhir.coding(v.code, '%loinc%') AS c, fhir.coding(v.valueCodeableConcept, '%snomed%') AS vc FROM v
)
SELECT
  _file, _line, date, patient, encounter, category,
  c.code AS code,
  coalesce(c.display, v.code.text) AS description,
  coalesce(v.valueQuantity.value, vc.display, v.valueCodeableConcept.text, vc.code, v.valueString, v.valueBoolean,
           v.valueInteger, v.valueDateTime) AS value,
  coalesce(v.valueQuantity.unit, v.valueQuantity.code) AS units,
  CASE WHEN v.valueQuantity.value IS NOT NULL OR v.valueInteger IS NOT NULL THEN 'numeric' ELSE 'text' END AS type
FROM k;
