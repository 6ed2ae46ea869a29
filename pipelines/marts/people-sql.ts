// The mart's people: everyone in core.person with known dates (person_dates), numbered with an
// integer key `pk`, with every column of a mart row that does not depend on the period, and the
// record key of the cell key method (core/disclosure/cell-key.ts), fixed by the pseudonym.
import { recordKeySql } from '../../core/disclosure/cell-key.ts';

// Attribution by plurality of visits (as in CMS Shared Savings Program assignment): each person
// belongs to the organization of most of their encounters; ties go to the first name (names before
// none). arg_min over a struct rather than first(... ORDER BY ...), which keeps a sort per person.
export const personOrganizationSql = (): string => `CREATE TEMP TABLE person_organization AS
  SELECT person_id, arg_min(coalesce(o.name, 'Unknown'), {'fewer_visits': -visits, 'unnamed': o.name IS NULL, 'name': o.name}) AS organization
  FROM (SELECT person_id, organization_id, count(*) AS visits FROM wh.core.encounter GROUP BY ALL) v
  LEFT JOIN wh.core.organization o USING (organization_id)
  GROUP BY person_id`;

/** The person's first diagnosis of each condition group ever (incidence). */
export const onsetsSql = (conditionGroups: string[]): string => `CREATE TEMP TABLE onsets AS
  SELECT person_id, ${conditionGroups.map((g) => `min(start_date) FILTER (WHERE "group" = '${g}') AS onset_${g}`).join(', ')}
  FROM condition_spans GROUP BY person_id`;

export const peopleSql = (conditionGroups: string[]): string => `CREATE TEMP TABLE people AS
  SELECT (row_number() OVER ())::INTEGER AS pk, p.person_id, ${recordKeySql('p.person_id')} AS record_key, d.birth_date, p.death_date,
         p.sex, p.race, p.ethnicity, coalesce(p.county, 'Unknown') AS county, p.county_fips, p.zip3,
         coalesce(po.organization, 'Unknown') AS organization,
         ${conditionGroups.map((g) => `o.onset_${g}`).join(', ')}
  FROM wh.core.person p JOIN person_dates d USING (person_id)
  LEFT JOIN person_organization po USING (person_id)
  LEFT JOIN onsets o USING (person_id)`;
