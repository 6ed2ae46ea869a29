-- staging.code_names: the vocabulary's name (CONCEPT.csv concept_name) of each code the staged rows use,
-- which the free-text rule takes as the code's reference description (pipelines/deidentify/free-text.ts):
-- a concept's name belongs to the code system, not to anyone's record. Concepts numbered 2,000,000,000 or
-- more are a site's own (OMOP CDM conventions), so their names are a site's free text and are left out.
CREATE TABLE staging.code_names AS
SELECT DISTINCT concept_code AS code, concept_name AS description
FROM omop.concept
WHERE TRY_CAST(concept_id AS BIGINT) < 2000000000
  AND concept_code IN (
    SELECT code FROM staging.encounters UNION SELECT code FROM staging.conditions UNION SELECT code FROM staging.observations
    UNION SELECT code FROM staging.medications UNION SELECT code FROM staging.procedures UNION SELECT code FROM staging.immunizations);
