-- core.claim: claims by patient, encounter (Synthea's APPOINTMENTID), provider and primary payer.
CREATE TABLE wh.core.claim AS
SELECT
  pseudonym(id) AS claim_id,
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  provider_pseudonym(nullif(provider, '')) AS provider_id,
  payer_pseudonym(nullif(primary_insurance, '')) AS payer_id,
  parse_ts(service_date)::DATE AS service_date,
  nullif(diagnosis1, '') AS diagnosis1,
  nullif(status1, '') AS status
FROM valid.claims;
