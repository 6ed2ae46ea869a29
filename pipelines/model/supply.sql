-- core.supply: supplies used in encounters.
CREATE TABLE wh.core.supply AS
SELECT
  person_pseudonym(patient) AS person_id,
  pseudonym(nullif(encounter, '')) AS encounter_id,
  parse_ts(date)::DATE AS supply_date,
  code,
  free_text('supply.description', code, description) AS description,
  TRY_CAST(quantity AS DOUBLE) AS quantity
FROM valid.supplies;
