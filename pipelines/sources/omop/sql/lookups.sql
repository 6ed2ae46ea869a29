-- Lookup tables are joined to event rows, so each key must appear once or events would multiply:
-- the first line wins. concept_id 0 is OMOP's 'No matching concept', which is not a code.
CREATE OR REPLACE TABLE omop.concept AS
SELECT * FROM omop.concept
WHERE coalesce(trim(concept_id), '') NOT IN ('', '0')
QUALIFY row_number() OVER (PARTITION BY concept_id ORDER BY _line) = 1;

CREATE OR REPLACE TABLE omop.location AS
SELECT * FROM omop.location QUALIFY row_number() OVER (PARTITION BY location_id ORDER BY _line) = 1;

CREATE OR REPLACE TABLE omop.care_site AS
SELECT * FROM omop.care_site QUALIFY row_number() OVER (PARTITION BY care_site_id ORDER BY _line) = 1;

-- COST rows summed per event. A non-numeric amount is passed on as it is, so that the row rules
-- quarantine the event instead of a sum hiding it. Charged is what Synthea calls TOTAL_CLAIM_COST.
CREATE VIEW omop.event_cost AS
WITH amounts AS (
  SELECT lower(trim(cost_domain_id)) AS domain, cost_event_id AS event_id,
         coalesce(nullif(trim(total_charge), ''), nullif(trim(total_paid), '')) AS charged,
         nullif(trim(paid_by_payer), '') AS payer_paid
  FROM omop.cost
)
SELECT domain, event_id,
       coalesce(any_value(charged) FILTER (WHERE TRY_CAST(charged AS DOUBLE) IS NULL), sum(TRY_CAST(charged AS DOUBLE))::VARCHAR) AS charged,
       coalesce(any_value(payer_paid) FILTER (WHERE TRY_CAST(payer_paid AS DOUBLE) IS NULL), sum(TRY_CAST(payer_paid AS DOUBLE))::VARCHAR) AS payer_paid
FROM amounts
GROUP BY domain, event_id;

-- Plan periods with typed dates, for the payer of an encounter or prescription.
CREATE VIEW omop.plan_payer AS
SELECT person_id, omop.payer_key(payer_source_value, payer_concept_id) AS payer,
       TRY_CAST(payer_plan_period_start_date AS TIMESTAMP)::DATE AS start_date,
       TRY_CAST(payer_plan_period_end_date AS TIMESTAMP)::DATE AS end_date
FROM omop.payer_plan_period;

-- The payer whose plan period covers a moment, when PAYER_PLAN_PERIOD has one (the first by key if several).
CREATE MACRO omop.payer_on(p_person, p_moment) AS (
  SELECT min(pp.payer) FROM omop.plan_payer pp
  WHERE pp.person_id = p_person AND TRY_CAST(p_moment AS TIMESTAMP)::DATE BETWEEN pp.start_date AND pp.end_date);
