-- staging.medications from MedicationRequest: the drug from medicationCodeableConcept or the referenced
-- Medication (RxNorm preferred); cost and payer from the pharmacy Claim whose prescription is this request
-- (its insurer, else its Coverage's payor: claim-payers.sql).
-- Fills (Synthea's DISPENSES) are dispenseRequest.numberOfRepeatsAllowed + 1: FHIR counts the repeats
-- authorised after the first fill, Synthea every fill. Without it dispenses stays empty; a value that is no
-- whole number is staged as written.
CREATE TABLE staging.medications AS
WITH drugs AS (
  SELECT DISTINCT ON (id) fhir.resource_id(r.id, full_url) AS id, r.code FROM fhir.medication ORDER BY id, _file, _line
), claims AS (
  SELECT
    fhir.ref_id(r.prescription.reference) AS request,
    CASE WHEN count(*) = 1 THEN any_value(r.total.value) ELSE sum(TRY_CAST(r.total.value AS DOUBLE))::VARCHAR END AS totalcost,
    any_value(fhir.claim_payer(r.insurer, r.insurance[1].coverage, p.payer)) AS payer
  FROM fhir.claim LEFT JOIN fhir.coverage_payers p ON p.coverage_id = fhir.ref_id(r.insurance[1].coverage.reference)
  WHERE r.prescription.reference IS NOT NULL GROUP BY 1
), m AS (
  SELECT q._file, q._line, q.r, fhir.resource_id(q.r.id, q.full_url) AS id,
         coalesce(q.r.medicationCodeableConcept, d.code) AS drug
  FROM fhir.medication_request q LEFT JOIN drugs d ON d.id = fhir.ref_id(q.r.medicationReference.reference)
)
SELECT
  m._file, m._line,
  fhir.utc(coalesce(r.authoredOn, r.dispenseRequest.validityPeriod.start)) AS start,
  fhir.utc(r.dispenseRequest.validityPeriod."end") AS stop,
  fhir.ref_id(r.subject.reference) AS patient,
  c.payer,
  fhir.ref_id(r.encounter.reference) AS encounter,
  fhir.coding(drug, '%rxnorm%').code AS code,
  coalesce(fhir.coding(drug, '%rxnorm%').display, drug.text) AS description,
  coalesce((TRY_CAST(r.dispenseRequest.numberOfRepeatsAllowed AS BIGINT) + 1)::VARCHAR, r.dispenseRequest.numberOfRepeatsAllowed) AS dispenses,
  c.totalcost
FROM m LEFT JOIN claims c ON c.request = m.id;
