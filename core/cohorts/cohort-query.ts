// A cohort's members as SQL to build a characterization on: CTEs `members` (person_id), `idx` (the
// index date) and `people` (each member's row number, sex, race, age at the index date and record
// key), with their bound parameters. The members come as a MemberSet (cohort-members.ts, evaluated
// once and cached per warehouse generation) and reach the engine as two bound lists, their row
// numbers and record keys, both from the generation's person index: no breakdown evaluates the
// cohort's criteria again, nor hashes a pseudonym the index has already keyed. Values are always
// bound; only fixed SQL is spliced in. Only on an engine whose person index addresses rows in SQL.
import { keyResiduesSumSql } from '../disclosure/cell-key.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { ageSql, type CompiledDefinition } from './build-cohort-sql.ts';
import type { MemberSet, PersonIndex } from './member-set.ts';

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
