-- PAYER_PLAN_PERIOD → staging.payer_transitions; when that table is empty or absent (Eunomia), one
-- row per OBSERVATION_PERIOD with the 'Unknown payer': the observation period is when the person's
-- records are complete, which is what the denominators need.
CREATE TABLE staging.payer_transitions AS
SELECT _file, _line, person_id AS patient, omop.payer_key(payer_source_value, payer_concept_id) AS payer,
       payer_plan_period_start_date AS start, payer_plan_period_end_date AS "end"
FROM omop.payer_plan_period
UNION ALL
SELECT _file, _line, person_id, 'unknown payer', observation_period_start_date, observation_period_end_date
FROM omop.observation_period
WHERE NOT EXISTS (SELECT 1 FROM omop.payer_plan_period);
