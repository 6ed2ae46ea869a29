// A characterization's queries on DuckDB (profile-source.ts): a cohort's members as CTEs `members`
// (person_id), `idx` (the index date) and `people` (each member's sex, race, age at the index date and
// record key), with their bound parameters, and the breakdowns, diagnoses and cost read over them. The
// members come as a MemberSet (cohort-members.ts, evaluated once and cached per warehouse generation)
// and reach DuckDB as one bound list of core.person rowids, so that no breakdown evaluates the
// cohort's criteria again. Values are always bound; only fixed SQL is spliced in. DuckDB only (rowid).
import { keyResiduesSumSql, keySumSql } from '../disclosure/cell-key.ts';
import { requireMeasure } from '../measures/catalog.ts';
import type { RatioMeasure } from '../measures/measure-definition.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { duckdbDialect } from '../warehouse/dialect/duckdb.ts';
import { ageSql, type CompiledDefinition } from './build-cohort-sql.ts';
import { AGE_BAND_SQL, socialHistorySql } from './build-profile-sql.ts';
import type { MemberSet } from './member-set.ts';
import type { CostRow, DemographicRow, DiagnosisRow } from './profile-source.ts';
import { CONDITION_VALUE_SETS } from './value-sets.ts';

/** A definition's criteria and index date, with the caller's row restriction when they have one. */
export type CohortCriteria = CompiledDefinition;

/** The key residue of the people of a group (`record_key` of `people` or a mart): what its count's noise is drawn with. */
export const PEOPLE_KEY_SQL = `${keyResiduesSumSql('record_key')}::BIGINT`;

export class CohortQuery {
  readonly values: SqlValue[] = [];
  /** The index date as a bound DATE: a filter on it is pushed into the scan of an event table, which a join with `idx` is not. */
  readonly indexDate: string;
  private readonly head: string;

  /**
   * `members`: the definition's members (with the caller's row restriction applied), as rows of core.person;
   * `indexDate`: its index date, resolved (YYYY-MM-DD).
   */
  constructor(members: MemberSet, indexDate: string) {
    const rows = [...members.rows()];
    // An empty list would not split into numbers: no one matches.
    const member = rows.length === 0 ? 'FALSE' : `p.rowid IN (SELECT unnest(string_split(${this.bind(rows.join(','))}, ','))::BIGINT)`;
    this.indexDate = this.bind(indexDate, 'DATE');
    // The warehouse's core.person has no record key (the marts do): it is computed from the pseudonym as the load does.
    this.head = `WITH idx AS (SELECT ${this.indexDate} AS index_date),
      people AS (SELECT p.person_id, p.sex, p.race, greatest(${ageSql('p', 'idx.index_date')}, 0) AS age, ${duckdbDialect.recordKey('p.person_id')} AS record_key
                 FROM core.person AS p, idx
                 WHERE ${member}),
      members AS (SELECT person_id FROM people)`;
  }

  bind(value: SqlValue, cast?: 'DATE'): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }

  sql(body: string): [string, SqlValue[]] {
    return [`${this.head}\n${body}`, this.values];
  }
}

export async function duckdbDemographics(db: Database, q: CohortQuery): Promise<DemographicRow[]> {
  return db.query<DemographicRow>(
    ...q.sql(`SELECT 'ageBand' AS breakdown, ${AGE_BAND_SQL} AS value, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM people GROUP BY ALL
              UNION ALL SELECT 'sex', coalesce(sex, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL
              UNION ALL SELECT 'race', coalesce(race, 'unknown'), count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM people GROUP BY ALL`),
  );
}

/**
 * The members' diagnoses on or before the index date, read from core.condition once: one row per
 * (system, code, member), from which both the condition groups and the common diagnoses are counted.
 */
export async function duckdbDiagnoses(db: Database, q: CohortQuery, withCommon: boolean): Promise<DiagnosisRow[]> {
  const pairs = [...CONDITION_VALUE_SETS].flatMap(([group, codes]) => codes.map((code) => `(${q.bind(group)}, ${q.bind(code)})`));
  // A (code, member) is listed when any of its records is.
  const listed = `bool_or(c.code IN (SELECT code FROM value_sets) OR NOT ${socialHistorySql('c.description')})`;
  // Group rows: one per (group, member), so that both the count and the key are over distinct people.
  const common = `UNION ALL
              SELECT 'diagnosis', system, code, count(*)::BIGINT, ${PEOPLE_KEY_SQL} FROM member_codes WHERE listed GROUP BY system, code`;
  return db.query<DiagnosisRow>(
    ...q.sql(`, value_sets(grp, code) AS (VALUES ${pairs.join(', ')}),
              member_codes AS MATERIALIZED (
                SELECT c.system, c.code, p.person_id, p.record_key${withCommon ? `, ${listed} AS listed` : ''}
                FROM core.condition AS c JOIN people AS p ON p.person_id = c.person_id
                WHERE c.start_date <= ${q.indexDate}${withCommon ? '' : ' AND c.code IN (SELECT code FROM value_sets)'}
                GROUP BY c.system, c.code, p.person_id, p.record_key)
              SELECT 'group' AS kind, NULL AS system, value AS code, count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key FROM (
                SELECT DISTINCT vs.grp AS value, m.person_id, m.record_key FROM member_codes AS m JOIN value_sets AS vs ON vs.code = m.code)
              GROUP BY value
              ${withCommon ? common : ''}
              ORDER BY kind, n DESC, system, code`),
  );
}

const COST_PMPM = requireMeasure('cost-pmpm') as RatioMeasure;
const LATEST_YEAR = `(SELECT max(period_start) FROM mart.person_period WHERE grain = 'year')`;

/** The cost-pmpm sums over the members' rows of the latest year (the mart's rows carry each person's record key; one row per member). */
export async function duckdbCost(db: Database, q: CohortQuery): Promise<CostRow> {
  const y = `(${COST_PMPM.numeratorValue})`;
  const x = `(${COST_PMPM.denominatorValue})`;
  const [row] = await db.query<CostRow & Record<string, unknown>>(
    ...q.sql(`SELECT (SELECT strftime(max(period_start), '%Y') FROM mart.person_period WHERE grain = 'year') AS year,
                     (${COST_PMPM.denominatorPeople})::BIGINT AS n, (${COST_PMPM.numeratorPeople})::BIGINT AS numerator_people,
                     coalesce(sum(${y}), 0)::DOUBLE AS y, coalesce(sum(${x}), 0)::DOUBLE AS x, coalesce(sum(${y} * ${y}), 0)::DOUBLE AS yy,
                     coalesce(sum(${x} * ${x}), 0)::DOUBLE AS xx, coalesce(sum(${y} * ${x}), 0)::DOUBLE AS xy,
                     ${keySumSql(COST_PMPM.numeratorPeople)}::BIGINT AS numerator_key, ${keySumSql(COST_PMPM.denominatorPeople)}::BIGINT AS denominator_key,
                     coalesce(max(${y}), 0)::DOUBLE AS max_value
              FROM mart.person_period AS pp JOIN members AS m ON m.person_id = pp.person_id
              WHERE pp.grain = 'year' AND pp.period_start = ${LATEST_YEAR}`),
  );
  return row!;
}
