-- MEASUREMENT and OBSERVATION → staging.observations, coded LOINC first. The value is the number,
-- else the text, else the answer concept's name, else the source value; the row rules and the
-- model decide what is kept. The category is the OMOP table the row came from.
CREATE TABLE staging.observations AS
SELECT
  m._file,
  m._line,
  omop.moment(m.measurement_datetime, m.measurement_date) AS date,
  m.person_id AS patient,
  m.visit_occurrence_id AS encounter,
  'measurement' AS category,
  m._code AS code,
  m._description AS description,
  coalesce(nullif(trim(m.value_as_number), ''), va.concept_name, nullif(trim(m.value_source_value), '')) AS value,
  coalesce(nullif(trim(m.unit_source_value), ''), u.concept_code) AS units,
  CASE WHEN nullif(trim(m.value_as_number), '') IS NOT NULL THEN 'numeric' ELSE 'text' END AS type
FROM omop.measurement_coded m
LEFT JOIN omop.concept va ON va.concept_id = m.value_as_concept_id
LEFT JOIN omop.concept u ON u.concept_id = m.unit_concept_id
UNION ALL
SELECT
  o._file,
  o._line,
  omop.moment(o.observation_datetime, o.observation_date),
  o.person_id,
  o.visit_occurrence_id,
  'observation',
  o._code,
  o._description,
  coalesce(nullif(trim(o.value_as_number), ''), nullif(o.value_as_string, ''), va.concept_name, nullif(trim(o.value_source_value), '')),
  coalesce(nullif(trim(o.unit_source_value), ''), u.concept_code),
  CASE WHEN nullif(trim(o.value_as_number), '') IS NOT NULL THEN 'numeric' ELSE 'text' END
FROM omop.observation_coded o
LEFT JOIN omop.concept va ON va.concept_id = o.value_as_concept_id
LEFT JOIN omop.concept u ON u.concept_id = o.unit_concept_id;
