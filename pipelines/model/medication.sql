-- core.medication: prescriptions (RxNorm) with their payer and total cost.
CREATE TABLE wh.core.medication AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  payer_pseudonym(nullif(payer, '')) AS payer_id,
  code,
  free_text('medication.description', code, description) AS description,
  parse_ts(start) AS start_ts,
  parse_ts(stop) AS stop_ts,
  TRY_CAST(dispenses AS INTEGER) AS dispenses,
  TRY_CAST(totalcost AS DOUBLE) AS total_cost
FROM valid.medications;
