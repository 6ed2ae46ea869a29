-- VISIT_OCCURRENCE (+ COST) → staging.encounters. visit_source_value is read only for a Synthea
-- class (omop.encounter_class); as an encounter id it would identify the source record.
CREATE TABLE staging.encounters AS
SELECT
  v._file,
  v._line,
  v.visit_occurrence_id AS id,
  omop.moment(v.visit_start_datetime, v.visit_start_date) AS start,
  omop.moment(v.visit_end_datetime, v.visit_end_date) AS stop,
  v.person_id AS patient,
  v.care_site_id AS organization,
  omop.payer_on(v.person_id, omop.moment(v.visit_start_datetime, v.visit_start_date)) AS payer,
  omop.encounter_class(v.visit_concept_id, v.visit_source_value) AS encounterclass,
  c.concept_code AS code,
  c.concept_name AS description,
  NULL::VARCHAR AS base_cost, -- Synthea's base encounter cost has no OMOP counterpart
  k.charged AS total_cost,
  k.payer_paid AS payer_coverage,
  NULL::VARCHAR AS reasoncode -- OMOP has no visit reason
FROM omop.visit_occurrence v
LEFT JOIN omop.concept c ON c.concept_id = v.visit_concept_id
LEFT JOIN omop.event_cost k ON k.domain = 'visit' AND k.event_id = v.visit_occurrence_id;
