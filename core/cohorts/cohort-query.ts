// A cohort's members as SQL to build a characterization on: CTEs `members` (person_id), `idx` (the
// index date) and `people` (each member's sex, race, age at the index date and record key), with
// their bound parameters. Values are always bound; only fixed SQL is spliced in.
import { keyResiduesSumSql, recordKeySql } from '../disclosure/cell-key.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { ageSql, buildCohortSql, DEFAULT_INDEX_DATE_SQL, type CompiledDefinition } from './build-cohort-sql.ts';

/** A definition's criteria and index date, with the caller's row restriction when they have one. */
export type CohortCriteria = CompiledDefinition;

/** The key residue of the people of a group (`record_key` of `people` or a mart): what its count's noise is drawn with. */
export const PEOPLE_KEY_SQL = `${keyResiduesSumSql('record_key')}::BIGINT`;

export class CohortQuery {
  readonly values: SqlValue[];
  private readonly head: string;

  constructor(definition: CohortCriteria) {
    const cohort = buildCohortSql(definition);
    this.values = [...cohort.values];
    const index = definition.indexDate === undefined ? DEFAULT_INDEX_DATE_SQL : this.bind(definition.indexDate, 'DATE');
    // core.person has no record key (the marts do): it is computed from the pseudonym as the load does.
    this.head = `WITH members AS (${cohort.sql}),
      idx AS (SELECT ${index} AS index_date),
      people AS (SELECT p.person_id, p.sex, p.race, greatest(${ageSql('p', 'idx.index_date')}, 0) AS age, ${recordKeySql('p.person_id')} AS record_key
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
