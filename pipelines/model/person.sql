-- core.person: one row per valid patient. Names, SSN, licence, passport, address and coordinates
-- were never staged; the id becomes a keyed pseudonym and the ZIP code its ZIP3.
-- person_dates keeps the true birth date in the temporary staging database only, for the marts:
-- the warehouse drops the birth date of anyone aged 90 or more by the end of their record
-- (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)(i)(C): ages over 89 aggregated as 90+).
CREATE TEMP TABLE person_dates AS
SELECT
  person_pseudonym(id) AS person_id,
  parse_ts(birthdate)::DATE AS birth_date,
  parse_ts(deathdate)::DATE AS death_date
FROM valid.patients;

-- The state by name, as Synthea CSV writes it; FHIR (US Core) and OMOP give the USPS code. Codes of the
-- states, DC and the inhabited territories (USPS Publication 28, appendix B); anything else stays as written.
CREATE TEMP TABLE us_states(code, name) AS VALUES
  ('AL', 'Alabama'), ('AK', 'Alaska'), ('AZ', 'Arizona'), ('AR', 'Arkansas'), ('CA', 'California'),
  ('CO', 'Colorado'), ('CT', 'Connecticut'), ('DE', 'Delaware'), ('DC', 'District of Columbia'), ('FL', 'Florida'),
  ('GA', 'Georgia'), ('HI', 'Hawaii'), ('ID', 'Idaho'), ('IL', 'Illinois'), ('IN', 'Indiana'),
  ('IA', 'Iowa'), ('KS', 'Kansas'), ('KY', 'Kentucky'), ('LA', 'Louisiana'), ('ME', 'Maine'),
  ('MD', 'Maryland'), ('MA', 'Massachusetts'), ('MI', 'Michigan'), ('MN', 'Minnesota'), ('MS', 'Mississippi'),
  ('MO', 'Missouri'), ('MT', 'Montana'), ('NE', 'Nebraska'), ('NV', 'Nevada'), ('NH', 'New Hampshire'),
  ('NJ', 'New Jersey'), ('NM', 'New Mexico'), ('NY', 'New York'), ('NC', 'North Carolina'), ('ND', 'North Dakota'),
  ('OH', 'Ohio'), ('OK', 'Oklahoma'), ('OR', 'Oregon'), ('PA', 'Pennsylvania'), ('RI', 'Rhode Island'),
  ('SC', 'South Carolina'), ('SD', 'South Dakota'), ('TN', 'Tennessee'), ('TX', 'Texas'), ('UT', 'Utah'),
  ('VT', 'Vermont'), ('VA', 'Virginia'), ('WA', 'Washington'), ('WV', 'West Virginia'), ('WI', 'Wisconsin'),
  ('WY', 'Wyoming'), ('AS', 'American Samoa'), ('GU', 'Guam'), ('MP', 'Northern Mariana Islands'),
  ('PR', 'Puerto Rico'), ('VI', 'U.S. Virgin Islands');

CREATE TABLE wh.core.person AS
WITH record_end AS (SELECT max(parse_ts(start))::DATE AS last_date FROM valid.encounters)
SELECT
  d.person_id,
  CASE WHEN aged_90 THEN NULL ELSE d.birth_date END AS birth_date,
  aged_90 AS age_90_plus,
  d.death_date,
  upper(p.gender) AS sex,
  CASE WHEN lower(p.race) IN ('white', 'black', 'asian', 'native', 'hawaiian') THEN lower(p.race) ELSE 'other' END AS race,
  CASE WHEN lower(p.ethnicity) = 'hispanic' THEN 'hispanic' ELSE 'nonhispanic' END AS ethnicity,
  coalesce(s.name, nullif(trim(p.state), '')) AS state,
  nullif(trim(p.county), '') AS county,
  CASE WHEN regexp_full_match(p.fips, '\d{4,5}') THEN lpad(p.fips, 5, '0') END AS county_fips,
  zip3(p.zip) AS zip3
FROM valid.patients p
-- The lookup behind person_pseudonym() (every valid patient's id is in it): a macro holding a
-- subquery in a join condition would be evaluated as a nested loop.
JOIN person_pseudonym_lookup l ON l.id = p.id
JOIN (SELECT *, date_sub('year', birth_date, coalesce(least(death_date, (SELECT last_date FROM record_end)), death_date, (SELECT last_date FROM record_end))) >= 90 AS aged_90
      FROM person_dates) d
  ON d.person_id = l.pseudonym
LEFT JOIN us_states s ON s.code = upper(trim(p.state));
