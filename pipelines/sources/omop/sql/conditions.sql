-- CONDITION_OCCURRENCE → staging.conditions, coded SNOMED first (see build-coded-view-sql.ts).
CREATE TABLE staging.conditions AS
SELECT
  _file,
  _line,
  omop.moment(condition_start_datetime, condition_start_date) AS start,
  omop.moment(condition_end_datetime, condition_end_date) AS stop,
  person_id AS patient,
  visit_occurrence_id AS encounter,
  _system AS system,
  _code AS code,
  _description AS description
FROM omop.condition_occurrence_coded;
