-- core.coverage: enrollment periods by payer (inclusive dates); 2.x extracts give whole years.
CREATE TABLE wh.core.coverage AS
SELECT
  pseudonym(patient) AS person_id,
  pseudonym(payer) AS payer_id,
  parse_period(start) AS start_date,
  parse_period("end", true) AS end_date
FROM valid.payer_transitions;
