-- staging.payer_transitions from Coverage: beneficiary, first payor and period. Synthea's Bundles carry no
-- Coverage resources (only a copy contained in each ExplanationOfBenefit), so they give no enrolment.
CREATE TABLE staging.payer_transitions AS
SELECT
  _file, _line,
  fhir.ref_id(r.beneficiary.reference) AS patient,
  fhir.payer_key(r.payor[1]) AS payer,
  fhir.utc(r.period.start) AS start,
  fhir.utc(r.period."end") AS "end"
FROM fhir.coverage;
