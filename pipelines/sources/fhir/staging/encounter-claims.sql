-- fhir.encounter_claims: what was billed for each encounter and what the payer paid. Synthea writes one
-- Claim per encounter (item[1].encounter) and one ExplanationOfBenefit per such Claim: EOB.total 'submitted'
-- is the claim's total cost (CSV TOTAL_CLAIM_COST) and EOB.payment the payer's share (CSV PAYER_COVERAGE).
-- Pharmacy claims (type 'pharmacy' or a prescription) are a medication's cost, not the encounter's.
-- Without an EOB the Claim's total is used; several claims for one encounter are summed.
CREATE TABLE fhir.encounter_claims AS
WITH claims AS (
  SELECT
    fhir.resource_id(r.id, full_url) AS claim_id,
    fhir.item_encounter(r.item) AS encounter,
    r.total.value AS total,
    r.insurance[1].coverage AS payer_ref,
    r.prescription.reference IS NOT NULL OR coalesce(r.type.coding[1].code, '') = 'pharmacy' AS pharmacy
  FROM fhir.claim
), eobs AS (
  SELECT
    fhir.ref_id(r.claim.reference) AS claim_id,
    fhir.item_encounter(r.item) AS encounter,
    list_filter(r.total, lambda t: list_contains(list_transform(t.category.coding, lambda c: c.code), 'submitted'))[1].amount.value AS total,
    r.payment.amount.value AS paid,
    CASE WHEN r.insurer.reference IS NOT NULL OR r.insurer.display IS NOT NULL THEN r.insurer ELSE r.insurance[1].coverage END AS payer_ref,
    coalesce(r.type.coding[1].code, '') = 'pharmacy' AS pharmacy
  FROM fhir.eob
), linked AS (
  SELECT
    coalesce(e.encounter, c.encounter) AS encounter,
    coalesce(e.total, c.total) AS total,
    e.paid,
    coalesce(fhir.payer_key(e.payer_ref), fhir.payer_key(c.payer_ref)) AS payer
  FROM eobs e FULL OUTER JOIN claims c ON e.claim_id = c.claim_id
  WHERE NOT coalesce(e.pharmacy, false) AND NOT coalesce(c.pharmacy, false)
)
SELECT
  encounter,
  CASE WHEN count(*) = 1 THEN any_value(total) ELSE sum(TRY_CAST(total AS DOUBLE))::VARCHAR END AS total_cost,
  CASE WHEN count(*) = 1 THEN any_value(paid) ELSE sum(TRY_CAST(paid AS DOUBLE))::VARCHAR END AS payer_coverage,
  any_value(payer) AS payer
FROM linked
WHERE encounter IS NOT NULL
GROUP BY encounter;
