-- core.claim: claims by patient, encounter (Synthea's APPOINTMENTID), provider and primary payer.
CREATE TABLE wh.core.claim AS
SELECT
  pseudonym(id) AS claim_id,
  pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  pseudonym(nullif(provider, '')) AS provider_id,
  pseudonym(nullif(primary_insurance, '')) AS payer_id,
  parse_ts(service_date)::DATE AS service_date,
  nullif(diagnosis1, '') AS diagnosis1,
  nullif(status1, '') AS status
FROM valid.claims;
