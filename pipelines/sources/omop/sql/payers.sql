-- PAYER_PLAN_PERIOD (or OBSERVATION_PERIOD) → staging.payers: one row per payer key. These rows
-- are derived, not read line by line, so their _file names the source and '(payers)'.
CREATE TABLE staging.payers AS
WITH plan_rows AS (
  SELECT p._file, p._line, omop.payer_key(p.payer_source_value, p.payer_concept_id) AS id,
         p.payer_source_value, p.plan_source_value, c.vocabulary_id, c.concept_code, c.concept_name
  FROM omop.payer_plan_period p
  LEFT JOIN omop.concept c ON c.concept_id = p.payer_concept_id
),
named AS (
  SELECT _file, _line, id,
    CASE
      WHEN id = 'unknown payer' THEN 'Unknown payer'
      -- Source of Payment Typology (PHDSC SOPT) 8x: no payment from an organization, i.e. uninsured,
      -- which Synthea (and so payer.sql) calls NO_INSURANCE.
      WHEN vocabulary_id = 'SOPT' AND concept_code LIKE '8%' THEN 'NO_INSURANCE'
      WHEN vocabulary_id = 'SOPT' THEN concept_name
      -- ETL-Synthea puts the payer's name in plan_source_value and its id in payer_source_value.
      ELSE coalesce(nullif(trim(plan_source_value), ''), concept_name, payer_source_value)
    END AS name,
    -- SOPT 1 Medicare, 2 Medicaid, 3 other government, 4 corrections.
    CASE WHEN vocabulary_id = 'SOPT' AND left(concept_code, 1) IN ('1', '2', '3', '4') THEN 'GOVERNMENT' END AS ownership
  FROM plan_rows
)
SELECT any_value(_file) || ' (payers)' AS _file, min(_line) AS _line, id,
       arg_min(name, _line) AS name, arg_min(ownership, _line) AS ownership
FROM named
GROUP BY id
UNION ALL
-- No plan periods: coverage comes from the observation periods, with a payer nobody knows.
SELECT any_value(_file) || ' (payers)', min(_line), 'unknown payer', 'Unknown payer', NULL
FROM omop.observation_period
WHERE NOT EXISTS (SELECT 1 FROM omop.payer_plan_period)
HAVING count(*) > 0;
