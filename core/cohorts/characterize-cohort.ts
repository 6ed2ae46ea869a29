// Describes a cohort: its size; members by age band, sex and race; the share with each condition
// group; the ten most common diagnoses; cost per member per month over the latest year. Every count
// is published through cohort-disclosure.ts (perturbed by default, exact under the admin setting),
// each with the key of exactly the people it counts, summed in the SQL that counts them; the true
// counts never leave this module.
import { CMS_MINIMUM_CELL_SIZE, type DisclosedCount } from '../disclosure/index.ts';
import type { Database } from '../warehouse/database.ts';
import { cohortCost, type CostPmpm } from './cohort-cost.ts';
import { countDisclosure, type CountDisclosure, type CountRow, type DisclosedRow } from './cohort-disclosure.ts';
import { DEFAULT_INDEX_DATE_SQL } from './build-cohort-sql.ts';
import { CohortMembers } from './cohort-members.ts';
import { CohortQuery, PEOPLE_KEY_SQL, type CohortCriteria } from './cohort-query.ts';
import { conditionNames } from './condition-names.ts';
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
  /** Where the members are evaluated and kept (the cohort gate's, which has just judged them); a fresh one unless given. */
  members?: CohortMembers;
}

const AGE_BAND_SQL = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;
const CATEGORIES: Record<Breakdown, readonly string[]> = { ageBand: AGE_BANDS, sex: SEXES, race: RACES };

type Definition = CohortCriteria;
type KeyedRow = { n: number; key: number };

export async function characterizeCohort(db: Database, definition: Definition, options: CharacterizeOptions = {}): Promise<Characterization> {
  const disclosure = countDisclosure(options);
  // The members once, as a set of rows (cached per warehouse generation): every breakdown reads them, none evaluates the criteria again.
  const cohortMembers = options.members ?? new CohortMembers();
  const [members, index, indexDate] = await Promise.all([cohortMembers.of(db, definition), cohortMembers.index(db), indexDateOf(db, definition)]);
  const size = disclosure.size({ count: members.size, key: members.keySum(index.keys) });
  const nothingMore = { indexDate, size, breakdowns: null, conditionGroups: null, topConditions: null, costPmpm: null };
  if (size.suppressed) return nothingMore;
  // A cohort must have at least 11 published members; exact counts keep showing an empty cohort's zeros, as before.
  if (!options.exactCounts && size.value < CMS_MINIMUM_CELL_SIZE) return nothingMore;

  const details = options.details ?? true;
  const q = () => new CohortQuery(members, index, indexDate);
  // The true counts are kept with the members (per generation): the profile's characterization and comparison share them.
  const counted = <T>(what: string, count: () => Promise<T>) => cohortMembers.counted(db, definition, what, count);
  const allDiagnoses = () => counted('diagnoses', () => diagnoses(db, q(), true));
  // A comparison needs only the condition groups: from the diagnoses when they are counted (or being counted), else alone.
  const groupDiagnoses = () => cohortMembers.countedBefore<DiagnosisRow[]>(db, definition, 'diagnoses') ?? counted('condition groups', () => diagnoses(db, q(), false));
  const [breakdowns, [conditionGroups, topConditions], costPmpm] = await Promise.all([
    counted('demographics', () => demographicRows(db, q())).then((rows) => demographics(rows, size.value, disclosure)),
    (details ? allDiagnoses() : groupDiagnoses()).then(async (rows) => [groups(rows, size.value, disclosure), details ? await commonDiagnoses(db, rows, size.value, options) : null] as const),
    details ? counted(`cost ${options.exactCounts ? 'exact' : 'perturbed'}`, () => cohortCost(db, q(), options)) : null,
  ]);
  return { indexDate, size, breakdowns, conditionGroups, topConditions, costPmpm };
}

/** The definition's index date, else the last day of data. */
async function indexDateOf(db: Database, definition: Definition): Promise<string> {
  const explicit = definition.indexDate !== undefined;
  const [row] = await db.query<{ index_date: string }>(`SELECT strftime(${explicit ? '$1::DATE' : DEFAULT_INDEX_DATE_SQL}, '%Y-%m-%d') AS index_date`, explicit ? [definition.indexDate!] : []);
  return row!.index_date;
}

type DemographicRow = { breakdown: Breakdown; value: string } & KeyedRow;

/** The members by age band, sex and race: true counts with their key residues. */
function demographicRows(db: Database, q: CohortQuery): Promise<DemographicRow[]> {
  return db.query<DemographicRow>(
    ...q.sql(`SELECT 'ageBand' AS breakdown, ${AGE_BAND_SQL} AS value, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM people GROUP BY ALL
              UNION ALL SELECT 'sex', coalesce(sex, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL
              UNION ALL SELECT 'race', coalesce(race, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL`),
  );
}

function demographics(rows: DemographicRow[], size: number, disclosure: CountDisclosure): Record<Breakdown, DisclosedRow[]> {
  const result = {} as Record<Breakdown, DisclosedRow[]>;
  for (const breakdown of BREAKDOWNS) {
    // Dense: every category, zeros too, and any value outside the list, so the cells sum to the size.
    const counts = new Map<string, CountRow>(CATEGORIES[breakdown].map((value) => [value, { value, count: 0, key: 0 }]));
    for (const row of rows) if (row.breakdown === breakdown) counts.set(row.value, { value: row.value, count: row.n, key: Number(row.key) });
    result[breakdown] = disclosure.breakdown([...counts.values()], size);
  }
  return result;
}

type DiagnosisRow = { kind: 'group' | 'diagnosis'; system: string | null; code: string } & KeyedRow;

/**
 * The members' diagnoses on or before the index date, read from core.condition once: the members of
 * each condition group, and with `withCommon` the members of each diagnosis. A member is its row
 * number (an integer), so no grouping hashes a pseudonym; its record key comes along (any_value: one per row).
 */
async function diagnoses(db: Database, q: CohortQuery, withCommon: boolean): Promise<DiagnosisRow[]> {
  const pairs = [...CONDITION_VALUE_SETS].flatMap(([group, codes]) => codes.map((code) => `(${q.bind(group)}, ${q.bind(code)})`));
  const valueSets = `, value_sets(grp, code) AS (VALUES ${pairs.join(', ')})`;
  // Group rows: one per (group, member), so that both the count and the key are over distinct people.
  const groupRows = (memberCodes: string) => `SELECT 'group' AS kind, NULL AS system, grp AS code, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM (
                SELECT vs.grp, m.person_row, any_value(m.record_key) AS record_key FROM ${memberCodes} AS m JOIN value_sets AS vs ON vs.code = m.code GROUP BY vs.grp, m.person_row)
              GROUP BY grp`;
  if (!withCommon) {
    // Only the value sets' codes are read: as a plain list, a filter DuckDB pushes into the scan of core.condition (a subquery is not).
    const codes = [...new Set([...CONDITION_VALUE_SETS.values()].flat())].map((code) => q.bind(code));
    const memberCodes = `(SELECT c.code, p.person_row, p.record_key FROM core.condition AS c JOIN people AS p ON p.person_id = c.person_id
                          WHERE c.start_date <= ${q.indexDate} AND c.code IN (${codes.join(', ')}))`;
    return db.query<DiagnosisRow>(...q.sql(`${valueSets}\n${groupRows(memberCodes)}\nORDER BY kind, n DESC, system, code`));
  }
  // Synthea's social history ("(finding)", "(situation)") is not a common diagnosis unless a value set names it; a
  // (code, member) is listed when any of its records is.
  const listed = `bool_or(c.code IN (SELECT code FROM value_sets)
                          OR NOT (coalesce(c.description, '') LIKE '%(finding)' OR coalesce(c.description, '') LIKE '%(situation)'))`;
  return db.query<DiagnosisRow>(
    ...q.sql(`${valueSets},
              member_codes AS MATERIALIZED (
                SELECT c.system, c.code, p.person_row, any_value(p.record_key) AS record_key, ${listed} AS listed
                FROM core.condition AS c JOIN people AS p ON p.person_id = c.person_id
                WHERE c.start_date <= ${q.indexDate}
                GROUP BY c.system, c.code, p.person_row)
              ${groupRows('member_codes')}
              UNION ALL
              SELECT 'diagnosis', system, code, count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM member_codes WHERE listed GROUP BY system, code
              ORDER BY kind, n DESC, system, code`),
  );
}

/** Members with a diagnosis from each condition group's value set on or before the index date. */
function groups(rows: DiagnosisRow[], size: number, disclosure: CountDisclosure): DisclosedRow[] {
  const counts = new Map(rows.filter((r) => r.kind === 'group').map((r) => [r.code, { count: r.n, key: Number(r.key) }]));
  return [...CONDITION_VALUE_SETS.keys()].map((group) => disclosure.share(group, counts.get(group) ?? { count: 0, key: 0 }, size));
}

/**
 * The most common diagnoses among members (people, not records). Synthea records social history
 * (employment, education, stress) as "(finding)" and "(situation)" conditions; those are left out
 * unless a condition group's value set names them (obesity is coded as a BMI finding). Perturbed,
 * they are ranked by their published counts, so the order tells nothing the counts do not.
 */
async function commonDiagnoses(db: Database, all: DiagnosisRow[], size: number, options: { exactCounts?: boolean }): Promise<TopCondition[]> {
  // In SQL order: by true count, then system and code.
  const rows = all.filter((r) => r.kind === 'diagnosis') as (DiagnosisRow & { system: string })[];
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
