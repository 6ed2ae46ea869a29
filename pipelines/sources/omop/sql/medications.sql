-- DRUG_EXPOSURE (+ COST) → staging.medications: every drug that is not a CVX vaccine.
CREATE TABLE staging.medications AS
SELECT
  d._file,
  d._line,
  omop.moment(d.drug_exposure_start_datetime, d.drug_exposure_start_date) AS start,
  omop.moment(d.drug_exposure_end_datetime, d.drug_exposure_end_date) AS stop,
  d.person_id AS patient,
  omop.payer_on(d.person_id, omop.moment(d.drug_exposure_start_datetime, d.drug_exposure_start_date)) AS payer,
  d.visit_occurrence_id AS encounter,
  d._code AS code,
  d._description AS description,
  -- refills and quantity do not say how often a drug was dispensed (ETL-Synthea writes 0 in both).
  NULL::VARCHAR AS dispenses,
  k.charged AS totalcost
FROM omop.drug_exposure_coded d
LEFT JOIN omop.event_cost k ON k.domain = 'drug' AND k.event_id = d.drug_exposure_id
WHERE d._vocabulary IS DISTINCT FROM 'CVX';
