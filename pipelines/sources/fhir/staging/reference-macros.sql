-- Macros that name fhir.ref_id or staging.patients, created once both exist (a macro binds what it names
-- when it is created).

-- A payer is the resource a payor reference resolves to (an Organization), else the reference's display,
-- the payer's name. A patient paying for themselves (payor = the Patient) is Synthea's NO_INSURANCE: the
-- payer must never be named after the patient.
CREATE MACRO fhir.payer_key(payer_ref) AS CASE
  WHEN fhir.ref_id(payer_ref.reference) IN (SELECT id AS patient_id FROM staging.patients) THEN 'NO_INSURANCE'
  ELSE coalesce(fhir.ref_id(payer_ref.reference), nullif(trim(payer_ref.display), ''))
END;

-- The first encounter a Claim's or ExplanationOfBenefit's items point to.
CREATE MACRO fhir.item_encounter(items) AS fhir.ref_id(
  list_filter(list_transform(items, lambda i: i.encounter[1].reference), lambda x: x IS NOT NULL)[1]);
