-- core.coverage: enrollment periods by payer (inclusive dates); 2.x extracts give whole years.
-- An extract without enrollment for someone (a FHIR export with no Coverage, a clinical-only
-- extract) enrolls that person from their first to their last encounter with an unknown payer,
-- so they still count in the measures; the payer dimension shows them as 'Other'.
CREATE TABLE wh.core.coverage AS
SELECT
  person_pseudonym(patient) AS person_id,
  payer_pseudonym(payer) AS payer_id,
  parse_period(start) AS start_date,
  parse_period("end", true) AS end_date
FROM valid.payer_transitions
UNION ALL
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym('popsight:unknown-payer') AS payer_id,
  min(parse_ts(start))::DATE AS start_date,
  max(coalesce(parse_ts(stop), parse_ts(start)))::DATE AS end_date
FROM valid.encounters
WHERE patient NOT IN (SELECT patient FROM valid.payer_transitions)
GROUP BY patient;
