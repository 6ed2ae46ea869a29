// Describes a cohort: its size; members by age band, sex and race; the share with each condition
// group; the ten most common diagnoses; cost per member per month over the latest year. Every count
// is published through cohort-disclosure.ts (perturbed by default, exact under the admin setting),
// each with the key of exactly the people it counts, summed in the SQL that counts them; the true
// counts never leave this module.
import { CMS_MINIMUM_CELL_SIZE, type DisclosedCount } from '../disclosure/index.ts';
import type { Database } from '../warehouse/database.ts';
import { indexDateSql } from './build-profile-sql.ts';
import { cohortCost, type CostPmpm } from './cohort-cost.ts';
import { countDisclosure, type CountDisclosure, type CountRow, type DisclosedRow } from './cohort-disclosure.ts';
import { CohortMembers } from './cohort-members.ts';
import type { CohortCriteria } from './cohort-query.ts';
import { conditionNames, type ConditionCode } from './condition-names.ts';
import { profileSource, type DemographicRow, type DiagnosisRow } from './profile-source.ts';
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

const CATEGORIES: Record<Breakdown, readonly string[]> = { ageBand: AGE_BANDS, sex: SEXES, race: RACES };

type Definition = CohortCriteria;

export async function characterizeCohort(db: Database, definition: Definition, options: CharacterizeOptions = {}): Promise<Characterization> {
  const disclosure = countDisclosure(options);
  // The members once, as a set of rows (cached per warehouse generation): every breakdown reads them, none evaluates the criteria again.
  const cohortMembers = options.members ?? new CohortMembers();
  // The index date (the last day of data unless given) is kept with the definition's counts: a prepared cohort reads no table for it.
  const [members, index, indexDate] = await Promise.all([
    cohortMembers.of(db, definition),
    cohortMembers.index(db),
    cohortMembers.counted(db, definition, 'index date', () => indexDateOf(db, definition)),
  ]);
  const size = disclosure.size({ count: members.size, key: members.keySum(index.keys) });
  const nothingMore = { indexDate, size, breakdowns: null, conditionGroups: null, topConditions: null, costPmpm: null };
  if (size.suppressed) return nothingMore;
  // A cohort must have at least 11 published members; exact counts keep showing an empty cohort's zeros, as before.
  if (!options.exactCounts && size.value < CMS_MINIMUM_CELL_SIZE) return nothingMore;

  const details = options.details ?? true;
  const source = await profileSource(db, cohortMembers, members, indexDate);
  // The true counts are kept with the members (per generation): the profile's characterization and comparison share them.
  const counted = <T>(what: string, count: () => Promise<T>) => cohortMembers.counted(db, definition, what, count);
  const allDiagnoses = () => counted('diagnoses', () => source.diagnoses(true));
  // The names of the diagnoses shown (warehouse facts, read over the condition rows unless in the reference) are kept with the counts too.
  const names = async (top: ConditionCode[]): Promise<Map<string, string>> => {
    const named = await counted(`condition names ${options.exactCounts ? 'exact' : 'perturbed'}`, async () => {
      const found = await conditionNames(db, top);
      return top.flatMap(({ system, code }) => (found.has(`${system}|${code}`) ? [[`${system}|${code}`, found.get(`${system}|${code}`)!] as const] : []));
    });
    return new Map(named);
  };
  // A comparison needs only the condition groups: from the diagnoses when they are counted (or being counted), else alone.
  const groupDiagnoses = async () => (await cohortMembers.countedBefore<DiagnosisRow[]>(db, definition, 'diagnoses')) ?? counted('condition groups', () => source.diagnoses(false));
  const [breakdowns, [conditionGroups, topConditions], costPmpm] = await Promise.all([
    counted('demographics', () => source.demographics()).then((rows) => demographics(rows, size.value, disclosure)),
    (details ? allDiagnoses() : groupDiagnoses()).then(async (rows) => [groups(rows, size.value, disclosure), details ? await commonDiagnoses(rows, size.value, options, names) : null] as const),
    details ? counted(`cost ${options.exactCounts ? 'exact' : 'perturbed'}`, () => cohortCost(source, options)) : null,
  ]);
  return { indexDate, size, breakdowns, conditionGroups, topConditions, costPmpm };
}

/** The definition's index date, else the last day of data. */
async function indexDateOf(db: Database, definition: Definition): Promise<string> {
  const explicit = definition.indexDate !== undefined;
  const [row] = await db.query<{ index_date: string }>(indexDateSql(db.dialect, explicit), explicit ? [definition.indexDate!] : []);
  return row!.index_date;
}

function demographics(rows: DemographicRow[], size: number, disclosure: CountDisclosure): Record<Breakdown, DisclosedRow[]> {
  const result = {} as Record<Breakdown, DisclosedRow[]>;
  for (const breakdown of BREAKDOWNS) {
    // Dense: every category, zeros too, and any value outside the list, so the cells sum to the size.
    const counts = new Map<string, CountRow>(CATEGORIES[breakdown].map((value) => [value, { value, count: 0, key: 0 }]));
    for (const row of rows) if (row.breakdown === breakdown) counts.set(row.value, { value: row.value, count: Number(row.n), key: Number(row.key) });
    result[breakdown] = disclosure.breakdown([...counts.values()], size);
  }
  return result;
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
async function commonDiagnoses(all: DiagnosisRow[], size: number, options: { exactCounts?: boolean }, nameOf: (top: ConditionCode[]) => Promise<Map<string, string>>): Promise<TopCondition[]> {
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
  const names = await nameOf(top);
  return top.map((c) => ({ ...c, description: names.get(`${c.system}|${c.code}`) ?? null }));
}
