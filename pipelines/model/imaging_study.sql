-- core.imaging_study: imaging by body site, modality and procedure; DICOM UIDs are never read.
CREATE TABLE wh.core.imaging_study AS
SELECT
  pseudonym(id) AS imaging_study_id,
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date) AS study_ts,
  nullif(bodysite_code, '') AS bodysite_code,
  nullif(modality_code, '') AS modality_code,
  nullif(sop_code, '') AS sop_code,
  nullif(procedure_code, '') AS procedure_code
FROM valid.imaging_studies;
