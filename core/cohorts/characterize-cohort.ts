// Describes a cohort: its size; members by age band, sex and race; the share with each condition
// group; the ten most common diagnoses; cost per member per month over the latest year. Every count
// is published through cohort-disclosure.ts (perturbed by default, exact under the admin setting),
// each with the key of exactly the people it counts, summed in the SQL that counts them; the true
// counts never leave this module.
import { CMS_MINIMUM_CELL_SIZE, type DisclosedCount } from '../disclosure/index.ts';
import { conditionCodes } from '../reference/reference-data.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { cohortCost, type CostPmpm } from './cohort-cost.ts';
import { countDisclosure, type CountDisclosure, type CountRow, type DisclosedRow } from './cohort-disclosure.ts';
import { CohortQuery, PEOPLE_KEY_SQL, type CohortCriteria } from './cohort-query.ts';
import { AGE_BANDS, CONDITION_VALUE_SETS, RACES, SEXES } from './value-sets.ts';

export type { CostPmpm } from './cohort-cost.ts';

export const BREAKDOWNS = ['ageBand', 'sex', 'race'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const TOP_CONDITIONS = 10;

export interface TopCondition {
  system: string;
  code: string;
  /** The code's reference description, else the most common text 11 or more people share, else null. */
  description: string | null;
  count: number;
  share: number | null;
}

export interface Characterization {
  indexDate: string;
  size: DisclosedCount;
  /** Null when the published size is below 11 (perturbed) or suppressed (exact): nothing else is shown. */
  breakdowns: Record<Breakdown, DisclosedRow[]> | null;
  conditionGroups: DisclosedRow[] | null;
  topConditions: TopCondition[] | null;
  costPmpm: CostPmpm | null;
}

export interface CharacterizeOptions {
  /** False leaves out the diagnoses and cost (a comparison needs only the shares). */
  details?: boolean;
  /** Exact counts with complementary suppression (the trusted-environment setting). */
  exactCounts?: boolean;
}

const AGE_BAND_SQL = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;
const CATEGORIES: Record<Breakdown, readonly string[]> = { ageBand: AGE_BANDS, sex: SEXES, race: RACES };

type Definition = CohortCriteria;
type KeyedRow = { n: number; key: number };

export async function characterizeCohort(db: Database, definition: Definition, options: CharacterizeOptions = {}): Promise<Characterization> {
  const disclosure = countDisclosure(options);
  const q = new CohortQuery(definition);
  const [{ index_date: indexDate, n, key }] = await db.query<{ index_date: string } & KeyedRow>(
    ...q.sql(`SELECT strftime(idx.index_date, '%Y-%m-%d') AS index_date, (SELECT count(*) FROM people)::BIGINT AS n,
                     (SELECT ${PEOPLE_KEY_SQL} FROM people) AS key FROM idx`),
  );
  const size = disclosure.size({ count: n, key: Number(key) });
  const nothingMore = { indexDate, size, breakdowns: null, conditionGroups: null, topConditions: null, costPmpm: null };
  if (size.suppressed) return nothingMore;
  // A cohort must have at least 11 published members; exact counts keep showing an empty cohort's zeros, as before.
  if (!options.exactCounts && size.value < CMS_MINIMUM_CELL_SIZE) return nothingMore;

  const details = options.details ?? true;
  const [breakdowns, conditionGroups, topConditions, costPmpm] = await Promise.all([
    demographics(db, definition, size.value, disclosure),
    groups(db, definition, size.value, disclosure),
    details ? commonDiagnoses(db, definition, size.value, options) : null,
    details ? cohortCost(db, definition, options) : null,
  ]);
  return { indexDate, size, breakdowns, conditionGroups, topConditions, costPmpm };
}

/** The number of members, as it may be published (the preview of an unsaved definition). */
export async function cohortSize(db: Database, definition: Definition, options: { exactCounts?: boolean } = {}): Promise<DisclosedCount> {
  const q = new CohortQuery(definition, db.dialect);
  const [row] = await db.query<KeyedRow>(...q.sql(`SELECT count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM people`));
  return countDisclosure(options).size({ count: row!.n, key: Number(row!.key) });
}

async function demographics(db: Database, definition: Definition, size: number, disclosure: CountDisclosure): Promise<Record<Breakdown, DisclosedRow[]>> {
  const q = new CohortQuery(definition);
  const rows = await db.query<{ breakdown: Breakdown; value: string } & KeyedRow>(
    ...q.sql(`SELECT 'ageBand' AS breakdown, ${AGE_BAND_SQL} AS value, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM people GROUP BY ALL
              UNION ALL SELECT 'sex', coalesce(sex, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL
              UNION ALL SELECT 'race', coalesce(race, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL`),
  );
  const result = {} as Record<Breakdown, DisclosedRow[]>;
  for (const breakdown of BREAKDOWNS) {
    // Dense: every category, zeros too, and any value outside the list, so the cells sum to the size.
    const counts = new Map<string, CountRow>(CATEGORIES[breakdown].map((value) => [value, { value, count: 0, key: 0 }]));
    for (const row of rows) if (row.breakdown === breakdown) counts.set(row.value, { value: row.value, count: row.n, key: Number(row.key) });
    result[breakdown] = disclosure.breakdown([...counts.values()], size);
  }
  return result;
}

/** Members with a diagnosis from each condition group's value set on or before the index date. */
async function groups(db: Database, definition: Definition, size: number, disclosure: CountDisclosure): Promise<DisclosedRow[]> {
  const q = new CohortQuery(definition);
  const pairs = [...CONDITION_VALUE_SETS].flatMap(([group, codes]) => codes.map((code) => `(${q.bind(group)}, ${q.bind(code)})`));
  // One row per (group, member), so that both the count and the key are over distinct people.
  const rows = await db.query<{ value: string } & KeyedRow>(
    ...q.sql(`, value_sets(grp, code) AS (VALUES ${pairs.join(', ')})
              SELECT value, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM (
                SELECT DISTINCT vs.grp AS value, p.person_id, p.record_key
                FROM core.condition AS c JOIN people AS p ON p.person_id = c.person_id JOIN value_sets AS vs ON vs.code = c.code, idx
                WHERE c.start_date <= idx.index_date)
              GROUP BY 1`),
  );
  const counts = new Map(rows.map((r) => [r.value, { count: r.n, key: Number(r.key) }]));
  return [...CONDITION_VALUE_SETS.keys()].map((group) => disclosure.share(group, counts.get(group) ?? { count: 0, key: 0 }, size));
}

/**
 * The most common diagnoses among members (people, not records). Synthea records social history
 * (employment, education, stress) as "(finding)" and "(situation)" conditions; those are left out
 * unless a condition group's value set names them (obesity is coded as a BMI finding). Perturbed,
 * they are ranked by their published counts, so the order tells nothing the counts do not.
 */
async function commonDiagnoses(db: Database, definition: Definition, size: number, options: { exactCounts?: boolean }): Promise<TopCondition[]> {
  const q = new CohortQuery(definition);
  const valueSetCodes = [...CONDITION_VALUE_SETS.values()].flat().map((code) => q.bind(code));
  const rows = await db.query<{ system: string; code: string } & KeyedRow>(
    ...q.sql(`SELECT system, code, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM (
                SELECT DISTINCT c.system, c.code, p.person_id, p.record_key
                FROM core.condition AS c JOIN people AS p ON p.person_id = c.person_id, idx
                WHERE c.start_date <= idx.index_date
                  AND (c.code IN (${valueSetCodes.join(', ')})
                       OR NOT (coalesce(c.description, '') LIKE '%(finding)' OR coalesce(c.description, '') LIKE '%(situation)')))
              GROUP BY system, code ORDER BY n DESC, system, code`),
  );
  const disclosure = countDisclosure(options);
  const shown = rows.flatMap((row): TopCondition[] => {
    // Exact: a diagnosis whose count (or whose complement in the cohort) is 1–10 is left out; perturbed: one whose published count is.
    const disclosed = disclosure.share(row.code, { count: row.n, key: Number(row.key) }, size);
    return disclosed.suppressed ? [] : [{ system: row.system, code: row.code, description: null, count: disclosed.count, share: disclosed.share }];
  });
  if (!options.exactCounts) shown.sort((a, b) => b.count - a.count || a.system.localeCompare(b.system) || a.code.localeCompare(b.code));
  const top = shown.slice(0, TOP_CONDITIONS);
  const names = await conditionNames(db, top);
  return top.map((c) => ({ ...c, description: names.get(`${c.system}|${c.code}`) ?? null }));
}

/**
 * The text a diagnosis is shown with, never one record's: the reference description of data/reference,
 * else the description most people of the warehouse share, if 11 or more do (the free-text rule of the
 * load, pipelines/deidentify/free-text.ts; ties go to the first in sort order).
 */
async function conditionNames(db: Database, conditions: Pick<TopCondition, 'system' | 'code'>[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (conditions.length === 0) return names;
  const values: SqlValue[] = [CMS_MINIMUM_CELL_SIZE];
  const pairs = conditions.map(({ system, code }) => `($${values.push(system)}, $${values.push(code)})`);
  const shared = await db.query<{ system: string; code: string; description: string }>(
    `WITH shown(system, code) AS (VALUES ${pairs.join(', ')})
     SELECT system, code, description FROM (
       SELECT c.system, c.code, c.description, count(DISTINCT c.person_id) AS people
       FROM core.condition AS c JOIN shown AS s ON s.system = c.system AND s.code = c.code
       WHERE c.description IS NOT NULL GROUP BY ALL HAVING count(DISTINCT c.person_id) >= $1)
     QUALIFY row_number() OVER (PARTITION BY system, code ORDER BY people DESC, description) = 1`,
    values,
  );
  for (const row of shared) names.set(`${row.system}|${row.code}`, row.description);
  for (const ref of conditionCodes()) names.set(`${ref.system}|${ref.code}`, ref.description);
  return names;
}

