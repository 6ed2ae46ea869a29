-- staging.encounters from Encounter, with cost and payer from the encounter's Claim and ExplanationOfBenefit.
-- FHIR has no base encounter cost (Synthea's BASE_ENCOUNTER_COST): it is the price of the claim line that bills
-- the visit itself, when the claim prices it (fhir.claim_lines), else empty.
CREATE TABLE staging.encounters AS
WITH e AS (
  SELECT _file, _line, full_url, r, fhir.coding(r.type[1], '%snomed%') AS t FROM fhir.encounter
)
SELECT
  e._file, e._line,
  fhir.resource_id(r.id, full_url) AS id,
  fhir.utc(r.period.start) AS start,
  fhir.utc(r.period."end") AS stop,
  fhir.ref_id(r.subject.reference) AS patient,
  fhir.ref_id(r.serviceProvider.reference) AS organization,
  c.payer,
  fhir.encounter_class(r.class.code, t.code) AS encounterclass,
  t.code AS code,
  coalesce(t.display, r.type[1].text) AS description,
  v.net AS base_cost,
  c.total_cost,
  c.payer_coverage,
  r.reasonCode[1].coding[1].code AS reasoncode
FROM e
LEFT JOIN fhir.encounter_claims c ON c.encounter = fhir.resource_id(e.r.id, e.full_url)
LEFT JOIN fhir.claim_lines v ON v.encounter = fhir.resource_id(e.r.id, e.full_url) AND v.visit AND v.ordinal = 1;
