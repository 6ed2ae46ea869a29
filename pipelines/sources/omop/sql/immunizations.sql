-- DRUG_EXPOSURE rows coded in CVX (vaccines) → staging.immunizations. Without CONCEPT.csv no row
-- can be known to be CVX (CVX and RxNorm codes are both short numbers), so all stay medications.
CREATE TABLE staging.immunizations AS
SELECT
  d._file,
  d._line,
  omop.moment(d.drug_exposure_start_datetime, d.drug_exposure_start_date) AS date,
  d.person_id AS patient,
  d.visit_occurrence_id AS encounter,
  d._code AS code,
  d._description AS description,
  k.charged AS base_cost
FROM omop.drug_exposure_coded d
LEFT JOIN omop.event_cost k ON k.domain = 'drug' AND k.event_id = d.drug_exposure_id
WHERE d._vocabulary = 'CVX';
