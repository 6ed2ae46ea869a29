// A cohort's members as SQL to build a characterization on: CTEs `members` (person_id), `idx` (the
// index date) and `people` (each member's sex, race, age at the index date and record key), with
// their bound parameters. Values are always bound; only fixed SQL is spliced in.
import { keyResiduesSumSql } from '../disclosure/cell-key.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { duckdbDialect } from '../warehouse/dialect/duckdb.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { ageSql, buildCohortSql, defaultIndexDateSql, type CompiledDefinition } from './build-cohort-sql.ts';

/** A definition's criteria and index date, with the caller's row restriction when they have one. */
export type CohortCriteria = CompiledDefinition;

/** The key residue of the people of a group (`record_key` of `people` or a mart): what its count's noise is drawn with. */
export const PEOPLE_KEY_SQL = `${keyResiduesSumSql('record_key')}::BIGINT`;

export class CohortQuery {
  readonly values: SqlValue[];
  private readonly head: string;

  /** `dialect`: the engine's (db.dialect); only the size (cohortSize) is written for engines other than DuckDB yet. */
  constructor(definition: CohortCriteria, dialect: SqlDialect = duckdbDialect) {
    const cohort = buildCohortSql(definition, undefined, dialect);
    this.values = [...cohort.values];
    const index = definition.indexDate === undefined ? defaultIndexDateSql(dialect) : this.bind(definition.indexDate, 'DATE');
    // The warehouse's core.person has no record key (the marts do): it is computed from the pseudonym as
    // the load does; a sharded publication stores it there (pipelines/publish-postgres).
    const recordKey = dialect.shardColumn ? 'p.record_key' : dialect.recordKey('p.person_id');
    this.head = `WITH members AS (${cohort.sql}),
      idx AS (SELECT ${index} AS index_date),
      people AS (SELECT p.person_id, p.sex, p.race, greatest(${ageSql('p', 'idx.index_date', dialect)}, 0) AS age, ${recordKey} AS record_key
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
