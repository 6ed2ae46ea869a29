-- core.provider: clinicians by organization, specialty and state; names and addresses are never read.
CREATE TABLE wh.core.provider AS
SELECT
  provider_pseudonym(id) AS provider_id,
  organization_pseudonym(nullif(organization, '')) AS organization_id,
  nullif(upper(gender), '') AS gender,
  nullif(speciality, '') AS specialty,
  nullif(state, '') AS state,
  zip3(zip) AS zip3
FROM valid.providers;
