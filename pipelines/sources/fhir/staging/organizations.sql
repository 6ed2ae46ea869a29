-- staging.organizations from Organization (care providers and payer organizations alike).
CREATE TABLE staging.organizations AS
SELECT
  _file, _line,
  fhir.resource_id(r.id, full_url) AS id,
  r.name AS name,
  r.address[1].city AS city,
  r.address[1].state AS state,
  r.address[1].postalCode AS zip
FROM fhir.organization;
