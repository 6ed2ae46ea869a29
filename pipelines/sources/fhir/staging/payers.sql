-- staging.payers: each payer that a staged coverage, encounter or medication row names, once, with the file
-- and line of its first use. FHIR has no payer resource: a payer is an Organization (named by it) or, in
-- Synthea output, only the display name that Coverage, Claim and ExplanationOfBenefit give it.
CREATE TABLE staging.payers AS
WITH used AS (
  SELECT _file, _line, payer AS id FROM staging.payer_transitions
  UNION ALL SELECT _file, _line, payer FROM staging.encounters
  UNION ALL SELECT _file, _line, payer FROM staging.medications
), mentions AS (
  SELECT unnest(r.payor) AS ref FROM fhir.coverage
  UNION ALL SELECT r.insurer FROM fhir.eob
  UNION ALL SELECT r.insurer FROM fhir.claim
  -- A Coverage reference names the payer only by its display (claim-payers.sql).
  UNION ALL SELECT {'reference': NULL::VARCHAR, 'display': r.insurance[1].coverage.display} FROM fhir.eob
  UNION ALL SELECT {'reference': NULL::VARCHAR, 'display': r.insurance[1].coverage.display} FROM fhir.claim
  UNION ALL SELECT unnest(flatten(list_transform(list_filter(r.contained, lambda c: c.resourceType = 'Coverage'), lambda c: c.payor))) FROM fhir.eob
), names AS (
  SELECT fhir.payer_key(ref) AS id, min(nullif(trim(ref.display), '')) AS display FROM mentions GROUP BY 1
)
SELECT DISTINCT ON (u.id)
  u._file, u._line,
  u.id,
  CASE WHEN u.id = 'NO_INSURANCE' THEN 'NO_INSURANCE' ELSE coalesce(o.name, n.display, 'Unknown payer') END AS name,
  NULL::VARCHAR AS ownership
FROM used u
LEFT JOIN staging.organizations o ON o.id = u.id
LEFT JOIN names n ON n.id = u.id
WHERE u.id IS NOT NULL
ORDER BY u.id, u._file, u._line;
