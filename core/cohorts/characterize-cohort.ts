// Describes a cohort: its size; members by age band, sex and race; the share with each condition
// group; the ten most common diagnoses; cost per member per month over the latest year. Every count
// goes through disclosure control (cohort-disclosure.ts) before it leaves this module; the raw
// counts never do.
import { CMS_MINIMUM_CELL_SIZE, suppressCount, type DisclosedCount } from '../disclosure/index.ts';
import { conditionCodes } from '../reference/reference-data.ts';
import { ratioInterval } from '../stats/index.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { ageSql, buildCohortSql, DEFAULT_INDEX_DATE_SQL } from './build-cohort-sql.ts';
import { discloseBreakdown, discloseShare, type DisclosedRow } from './cohort-disclosure.ts';
import type { CohortDefinition } from './cohort-schema.ts';
import { AGE_BANDS, CONDITION_VALUE_SETS, RACES, SEXES } from './value-sets.ts';

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

export interface CostPmpm {
  year: string | null;
  members: DisclosedCount;
  pmpm: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface Characterization {
  indexDate: string;
  size: DisclosedCount;
  /** Null when the size itself is suppressed: a breakdown of 1–10 people shows nothing safely. */
  breakdowns: Record<Breakdown, DisclosedRow[]> | null;
  conditionGroups: DisclosedRow[] | null;
  topConditions: TopCondition[] | null;
  costPmpm: CostPmpm | null;
}

const AGE_BAND_SQL = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;
const CATEGORIES: Record<Breakdown, readonly string[]> = { ageBand: AGE_BANDS, sex: SEXES, race: RACES };

type Definition = Pick<CohortDefinition, 'criteria' | 'indexDate'>;

/** `details: false` leaves out the diagnoses and cost (a comparison needs only the shares). */
export async function characterizeCohort(db: Database, definition: Definition, options: { details?: boolean } = {}): Promise<Characterization> {
  const q = new CohortQuery(definition);
  const [{ index_date: indexDate, size: rawSize }] = await db.query<{ index_date: string; size: number }>(
    ...q.sql(`SELECT strftime(idx.index_date, '%Y-%m-%d') AS index_date, (SELECT count(*) FROM people)::BIGINT AS size FROM idx`),
  );
  const size = suppressCount(rawSize);
  if (size.suppressed) return { indexDate, size, breakdowns: null, conditionGroups: null, topConditions: null, costPmpm: null };

  const details = options.details ?? true;
  const [breakdowns, conditionGroups, topConditions, costPmpm] = await Promise.all([
    demographics(db, definition, size.value),
    groups(db, definition, size.value),
    details ? commonDiagnoses(db, definition, size.value) : null,
    details ? cost(db, definition) : null,
  ]);
  return { indexDate, size, breakdowns, conditionGroups, topConditions, costPmpm };
}

/** The number of members, as it may be published (the preview of an unsaved definition). */
export async function cohortSize(db: Database, definition: Pick<CohortDefinition, 'criteria' | 'indexDate'>): Promise<DisclosedCount> {
  const cohort = buildCohortSql(definition);
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM (${cohort.sql}) AS members`, cohort.values);
  return suppressCount(row!.n);
}

/** The cohort's SQL as CTEs `members`, `idx` (the index date) and `people`, with its parameters. */
class CohortQuery {
  readonly values: SqlValue[];
  private readonly head: string;

  constructor(definition: Definition) {
    const cohort = buildCohortSql(definition);
    this.values = [...cohort.values];
    const index = definition.indexDate === undefined ? DEFAULT_INDEX_DATE_SQL : this.bind(definition.indexDate, 'DATE');
    this.head = `WITH members AS (${cohort.sql}),
      idx AS (SELECT ${index} AS index_date),
      people AS (SELECT p.person_id, p.sex, p.race, greatest(${ageSql('p', 'idx.index_date')}, 0) AS age
                 FROM core.person AS p JOIN members AS m ON m.person_id = p.person_id, idx)`;
  }

  bind(value: SqlValue, cast?: 'DATE'): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  sql(body: string): [string, SqlValue[]] {
    return [`${this.head}\n${body}`, this.values];
  }
}

async function demographics(db: Database, definition: Definition, size: number): Promise<Record<Breakdown, DisclosedRow[]>> {
  const q = new CohortQuery(definition);
  const rows = await db.query<{ breakdown: Breakdown; value: string; n: number }>(
    ...q.sql(`SELECT 'ageBand' AS breakdown, ${AGE_BAND_SQL} AS value, count(*)::BIGINT AS n FROM people GROUP BY ALL
              UNION ALL SELECT 'sex', coalesce(sex, 'unknown'), count(*)::BIGINT FROM people GROUP BY ALL
              UNION ALL SELECT 'race', coalesce(race, 'unknown'), count(*)::BIGINT FROM people GROUP BY ALL`),
  );
  const result = {} as Record<Breakdown, DisclosedRow[]>;
  for (const breakdown of BREAKDOWNS) {
    // Dense: every category, zeros too, and any value outside the list, so the cells sum to the size.
    const counts = new Map(CATEGORIES[breakdown].map((value) => [value, 0]));
    for (const row of rows) if (row.breakdown === breakdown) counts.set(row.value, row.n);
    result[breakdown] = discloseBreakdown([...counts].map(([value, count]) => ({ value, count })), size);
  }
  return result;
}

/** Members with a diagnosis from each condition group's value set on or before the index date. */
async function groups(db: Database, definition: Definition, size: number): Promise<DisclosedRow[]> {
  const q = new CohortQuery(definition);
  const pairs = [...CONDITION_VALUE_SETS].flatMap(([group, codes]) => codes.map((code) => `(${q.bind(group)}, ${q.bind(code)})`));
  const rows = await db.query<{ value: string; n: number }>(
    ...q.sql(`, value_sets(grp, code) AS (VALUES ${pairs.join(', ')})
              SELECT vs.grp AS value, count(DISTINCT c.person_id)::BIGINT AS n
              FROM core.condition AS c JOIN members AS m ON m.person_id = c.person_id JOIN value_sets AS vs ON vs.code = c.code, idx
              WHERE c.start_date <= idx.index_date GROUP BY 1`),
  );
  const counts = new Map(rows.map((r) => [r.value, r.n]));
  return [...CONDITION_VALUE_SETS.keys()].map((group) => discloseShare(group, counts.get(group) ?? 0, size));
}

/**
 * The most common diagnoses among members (people, not records). Synthea records social history
 * (employment, education, stress) as "(finding)" and "(situation)" conditions; those are left out
 * unless a condition group's value set names them (obesity is coded as a BMI finding).
 */
async function commonDiagnoses(db: Database, definition: Definition, size: number): Promise<TopCondition[]> {
  const q = new CohortQuery(definition);
  const valueSetCodes = [...CONDITION_VALUE_SETS.values()].flat().map((code) => q.bind(code));
  const rows = await db.query<{ system: string; code: string; n: number }>(
    ...q.sql(`SELECT c.system, c.code, count(DISTINCT c.person_id)::BIGINT AS n
              FROM core.condition AS c JOIN members AS m ON m.person_id = c.person_id, idx
              WHERE c.start_date <= idx.index_date
                AND (c.code IN (${valueSetCodes.join(', ')})
                     OR NOT (coalesce(c.description, '') LIKE '%(finding)' OR coalesce(c.description, '') LIKE '%(situation)'))
              GROUP BY c.system, c.code ORDER BY n DESC, c.system, c.code`),
  );
  const shown: TopCondition[] = [];
  for (const row of rows) {
    if (shown.length === TOP_CONDITIONS) break;
    // A diagnosis whose count (or whose complement in the cohort) is 1–10 is left out of the list.
    const disclosed = discloseShare(row.code, row.n, size);
    if (!disclosed.suppressed) shown.push({ system: row.system, code: row.code, description: null, count: disclosed.count, share: disclosed.share });
  }
  const names = await conditionNames(db, shown);
  return shown.map((c) => ({ ...c, description: names.get(`${c.system}|${c.code}`) ?? null }));
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

/** Cost per member per month over the latest year of mart.person_period, with a delta-method CI. */
async function cost(db: Database, definition: Definition): Promise<CostPmpm> {
  const q = new CohortQuery(definition);
  const [row] = await db.query<{ year: string | null; n: number; y: number; x: number; yy: number; xx: number; xy: number }>(
    ...q.sql(`SELECT (SELECT strftime(max(period_start), '%Y') FROM mart.person_period WHERE grain = 'year') AS year, count(*)::BIGINT AS n, coalesce(sum(pp.cost), 0)::DOUBLE AS y,
                     coalesce(sum(pp.member_months), 0)::DOUBLE AS x, coalesce(sum(pp.cost * pp.cost), 0)::DOUBLE AS yy,
                     coalesce(sum(pp.member_months * pp.member_months), 0)::DOUBLE AS xx, coalesce(sum(pp.cost * pp.member_months), 0)::DOUBLE AS xy
              FROM mart.person_period AS pp JOIN members AS m ON m.person_id = pp.person_id
              WHERE pp.grain = 'year' AND pp.period_start = (SELECT max(period_start) FROM mart.person_period WHERE grain = 'year')`),
  );
  const members = suppressCount(row!.n);
  if (members.suppressed || row!.n === 0) return { year: row!.year, members, pmpm: null, ciLow: null, ciHigh: null };
  const ci = ratioInterval({ n: row!.n, sumY: row!.y, sumX: row!.x, sumYY: row!.yy, sumXX: row!.xx, sumXY: row!.xy });
  return { year: row!.year, members, pmpm: ci.ratio, ciLow: ci.low, ciHigh: ci.high };
}
