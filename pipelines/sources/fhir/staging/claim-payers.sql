-- Who pays a Claim or ExplanationOfBenefit. `insurer` names the payer. `insurance.coverage` names a Coverage,
-- never a payer (a Coverage id is a member's plan), so without an insurer the payer is that Coverage's first
-- payor, or the payor of the Coverage the resource contains (Synthea's EOB: `#coverage`); a Coverage found
-- nowhere (or no reference at all) leaves the reference's display, which Synthea writes as the payer's name.

-- fhir.coverage_payers: each Coverage's payer, as staging.payer_transitions names it.
CREATE TABLE fhir.coverage_payers AS
SELECT fhir.resource_id(r.id, full_url) AS coverage_id, any_value(fhir.payer_key(r.payor[1])) AS payer
FROM fhir.coverage
GROUP BY 1;

-- `coverage_payer` is the payer of the fhir.coverage_payers row that `coverage` names, joined by the caller:
-- looked up in the macro, as a correlated subquery, it would make staging the claims twice as slow.
CREATE MACRO fhir.claim_payer(insurer, coverage, coverage_payer) AS
  coalesce(fhir.payer_key(insurer), coverage_payer, nullif(trim(coverage.display), ''));

-- The payer of the contained Coverage (`#id`) that an insurance.coverage reference names.
CREATE MACRO fhir.contained_payer(contained, coverage) AS fhir.payer_key(
  list_filter(contained, lambda c: c.resourceType = 'Coverage' AND '#' || c.id = coverage.reference)[1].payor[1]);
