// Where a characterization's true counts come from (characterize-cohort.ts publishes them): the
// members' breakdowns, diagnoses and cost, each count with the key residue of exactly the people it
// counts. One source per engine: DuckDB names the members by their row numbers and record keys in the
// generation's person index (cohort-query.ts), PostgreSQL by a bound bitset of person numbers that each
// shard tests beside its own partial aggregate, re-aggregated on the coordinator (build-profile-sql.ts). The rows must be the same on both; none of them is ever published
// as it is, and characterize-cohort.ts keeps them with the members, per generation, on both.
import type { Database } from '../warehouse/database.ts';
import { costSql, demographicsSql, diagnosesSql, type ProfileMembers } from './build-profile-sql.ts';
import type { CohortMembers } from './cohort-members.ts';
import { CohortQuery, duckdbCost, duckdbDemographics, duckdbDiagnoses } from './cohort-query.ts';
import type { MemberSet } from './member-set.ts';
import { memberBitmap } from './postgres-members.ts';
import { CONDITION_VALUE_SETS } from './value-sets.ts';

export type KeyedRow = { n: number; key: number };
/** Members of one category of a breakdown (ageBand, sex, race). */
export type DemographicRow = { breakdown: string; value: string } & KeyedRow;
/** Members with a condition group (system null, code the group) or with one diagnosis (system, code). */
export type DiagnosisRow = { kind: 'group' | 'diagnosis'; system: string | null; code: string } & KeyedRow;

/** The sums of the cost-pmpm measure over the members' rows of the latest year, with their key residues. */
export interface CostRow {
  year: string | null;
  n: number;
  numerator_people: number;
  y: number;
  x: number;
  yy: number;
  xx: number;
  xy: number;
  numerator_key: number;
  denominator_key: number;
  max_value: number;
}

export interface ProfileSource {
  demographics(): Promise<DemographicRow[]>;
  /**
   * Members with each condition group's diagnoses on or before the index date and, with `withCommon`, with each
   * diagnosis that may be listed as common; in order of kind, true count (descending), system and code.
   */
  diagnoses(withCommon: boolean): Promise<DiagnosisRow[]>;
  cost(): Promise<CostRow>;
}

/** `members`: the definition's members (the caller's rows only); `indexDate`: its resolved index date (YYYY-MM-DD). */
export async function profileSource(db: Database, cohortMembers: CohortMembers, members: MemberSet, indexDate: string): Promise<ProfileSource> {
  if (db.dialect.name === 'duckdb') {
    // Each member's row number and record key come from the generation's person index (read once, cached).
    const index = await cohortMembers.index(db);
    // A query binds its values as it is written: a fresh one per statement.
    const q = () => new CohortQuery(members, index, indexDate);
    return { demographics: () => duckdbDemographics(db, q()), diagnoses: (withCommon) => duckdbDiagnoses(db, q(), withCommon), cost: () => duckdbCost(db, q()) };
  }
  const of: ProfileMembers = { bitmap: memberBitmap(members), indexDate };
  const run = async <T extends object>({ sql, values }: { sql: string; values: unknown[] }) => db.query<T & Record<string, unknown>>(sql, values as never);
  return {
    demographics: () => run<DemographicRow>(demographicsSql(db.dialect, of)),
    diagnoses: (withCommon) => run<DiagnosisRow>(diagnosesSql(db.dialect, of, CONDITION_VALUE_SETS, withCommon)),
    cost: async () => (await run<CostRow>(costSql(db.dialect, of)))[0]!,
  };
}
