-- PROCEDURE_OCCURRENCE (+ COST) → staging.procedures, coded SNOMED first.
CREATE TABLE staging.procedures AS
SELECT
  p._file,
  p._line,
  omop.moment(p.procedure_datetime, p.procedure_date) AS start,
  omop.moment(p.procedure_end_datetime, p.procedure_end_date) AS stop,
  p.person_id AS patient,
  p.visit_occurrence_id AS encounter,
  p._system AS system,
  p._code AS code,
  p._description AS description,
  k.charged AS base_cost
FROM omop.procedure_occurrence_coded p
LEFT JOIN omop.event_cost k ON k.domain = 'procedure' AND k.event_id = p.procedure_occurrence_id;
