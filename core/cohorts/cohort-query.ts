// A characterization's queries on DuckDB (profile-source.ts): a cohort's members as CTEs `members`
// (person_id), `idx` (the index date) and `people` (each member's row number, sex, race, age at the
// index date and record key), with their bound parameters, and the breakdowns, diagnoses and cost read
// over them. The members come as a MemberSet (cohort-members.ts, evaluated once and cached per
// warehouse generation) and reach the engine as two bound lists, their row numbers and record keys,
// both from the generation's person index: no breakdown evaluates the cohort's criteria again, nor
// hashes a pseudonym the index has already keyed. Values are always bound; only fixed SQL is spliced
// in. Only on an engine whose person index addresses rows in SQL (DuckDB); PostgreSQL's queries are
// build-profile-sql.ts's.
import { keyResiduesSumSql, keySumSql } from '../disclosure/cell-key.ts';
import { requireMeasure } from '../measures/catalog.ts';
import type { RatioMeasure } from '../measures/measure-definition.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { ageSql, type CompiledDefinition } from './build-cohort-sql.ts';
import { AGE_BAND_SQL, socialHistorySql } from './build-profile-sql.ts';
import type { MemberSet, PersonIndex } from './member-set.ts';
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
   * `members`: the definition's members (with the caller's row restriction applied), as row numbers of `index`;
   * `indexDate`: its index date, resolved (YYYY-MM-DD).
   */
  constructor(members: MemberSet, index: PersonIndex, indexDate: string) {
    const { rowNumberSql } = index;
    if (!rowNumberSql) throw new Error('CohortQuery needs a person index that addresses core.person rows in SQL (DuckDB)');
    const rows = [...members.rows()];
    // Each member's row number beside its record key (zipped by the two unnests); an empty list would not split into numbers: no one matches.
    const listed =
      rows.length === 0
        ? 'SELECT NULL::BIGINT AS person_row, NULL::BIGINT AS record_key WHERE FALSE'
        : `SELECT unnest(string_split(${this.bind(rows.join(','))}, ','))::BIGINT AS person_row, unnest(string_split(${this.bind(rows.map((r) => index.keys[r]!).join(','))}, ','))::BIGINT AS record_key`;
    this.indexDate = this.bind(indexDate, 'DATE');
    this.head = `WITH idx AS (SELECT ${this.indexDate} AS index_date),
      listed AS (${listed}),
      people AS (SELECT p.person_id, l.person_row, p.sex, p.race, greatest(${ageSql('p', 'idx.index_date')}, 0) AS age, l.record_key
                 FROM core.person AS p JOIN listed AS l ON ${rowNumberSql('p')} = l.person_row, idx),
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
 * The members' diagnoses on or before the index date, read from core.condition once: the members of
 * each condition group, and with `withCommon` the members of each diagnosis. A member is its row
 * number (an integer), so no grouping hashes a pseudonym; its record key comes along (any_value: one per row).
 */
export async function duckdbDiagnoses(db: Database, q: CohortQuery, withCommon: boolean): Promise<DiagnosisRow[]> {
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
  // Synthea's social history is not a common diagnosis unless a value set names it (socialHistorySql); a (code, member)
  // is listed when any of its records is.
  const listed = `bool_or(c.code IN (SELECT code FROM value_sets) OR NOT ${socialHistorySql('c.description')})`;
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
