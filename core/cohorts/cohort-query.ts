// A cohort's members as SQL to build a characterization on: CTEs `members` (person_id), `idx` (the
// index date) and `people` (each member's sex, race, age at the index date and record key), with
// their bound parameters. The members come as a MemberSet (cohort-members.ts, evaluated once and
// cached per warehouse generation) and reach DuckDB as one bound list of core.person rowids, so
// that no breakdown evaluates the cohort's criteria again. Values are always bound; only fixed SQL
// is spliced in. DuckDB only (rowid).
import { keyResiduesSumSql } from '../disclosure/cell-key.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { duckdbDialect } from '../warehouse/dialect/duckdb.ts';
import { ageSql, type CompiledDefinition } from './build-cohort-sql.ts';
import type { MemberSet } from './member-set.ts';

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
