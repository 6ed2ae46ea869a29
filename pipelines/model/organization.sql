-- core.organization: care providers' organizations (no street address, phone or coordinates).
CREATE TABLE wh.core.organization AS
SELECT organization_pseudonym(id) AS organization_id, name, nullif(city, '') AS city, nullif(state, '') AS state, zip3(zip) AS zip3
FROM valid.organizations;
