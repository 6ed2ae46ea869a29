// Appending an extract: the warehouse being replaced is attached read-only as `prev`, and its
// core rows are carried into the new build, so a second extract adds to the population.
// Rows the new extract also has are kept once (the new row wins): by id where a table has one,
// else by all its columns but those derived per load (the free-text columns: a text is kept only when
// enough people in that load share it, so the same condition can differ in description between loads).
import type { Database } from '../../core/warehouse/database.ts';
import { FREE_TEXT_CORE_COLUMNS } from '../deidentify/free-text.ts';
import { LoadError } from '../load-errors.ts';
import { quoteLiteral } from '../../core/warehouse/sql.ts';

const DERIVED_PER_LOAD: Readonly<Record<string, readonly string[]>> = FREE_TEXT_CORE_COLUMNS;

/** core tables and the id that identifies a row, if any. */
const CORE_TABLES: [table: string, id?: string][] = [
  ['person', 'person_id'],
  ['payer', 'payer_id'],
  ['organization', 'organization_id'],
  ['encounter', 'encounter_id'],
  ['coverage'],
  ['condition'],
  ['observation'],
  ['medication'],
  ['procedure'],
  ['immunization'],
  ['provider', 'provider_id'],
  ['allergy'],
  ['careplan'],
  ['device'],
  ['supply'],
  ['imaging_study', 'imaging_study_id'],
  ['claim', 'claim_id'],
  ['claim_transaction', 'claim_transaction_id'],
];

export async function attachPrevious(db: Database, warehouse: string): Promise<void> {
  await db.run(`ATTACH ${quoteLiteral(warehouse)} AS prev (READ_ONLY)`);
}

/** The run that already published an extract with this content hash, if any. */
export async function runWithSameContent(db: Database, contentHash: string): Promise<string | undefined> {
  const [has] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = 'prev' AND schema_name = 'etl' AND table_name = 'runs' AND column_name = 'content_hash'`,
  );
  if (!has || has.n === 0) return undefined;
  const [run] = await db.query<{ run_id: string }>(`SELECT run_id FROM prev.etl.runs WHERE content_hash = $1 AND status = 'published' LIMIT 1`, [contentHash]);
  return run?.run_id;
}

export async function carryOverCore(db: Database, warehouse: string): Promise<void> {
  for (const [table, id] of CORE_TABLES) {
    const [same] = await db.query<{ same: boolean }>(
      `SELECT (SELECT list(column_name || ':' || data_type ORDER BY column_index) FROM duckdb_columns() WHERE database_name = 'prev' AND schema_name = 'core' AND table_name = $1)
            = (SELECT list(column_name || ':' || data_type ORDER BY column_index) FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'core' AND table_name = $1) AS same`,
      [table],
    );
    if (!same?.same) {
      throw new LoadError(warehouse, `core.${table} has other columns than this version of Popsight writes; load with --replace to rebuild the warehouse`);
    }
    if (id) {
      await db.run(`INSERT INTO wh.core.${table} SELECT * FROM prev.core.${table} WHERE ${id} NOT IN (SELECT ${id} FROM wh.core.${table})`);
      continue;
    }
    const columns = (await db.query<{ c: string }>(
      `SELECT column_name AS c FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'core' AND table_name = $1 ORDER BY column_index`,
      [table],
    )).map((r) => r.c).filter((c) => !(DERIVED_PER_LOAD[table] ?? []).includes(c));
    const sameRow = columns.map((c) => `n."${c}" IS NOT DISTINCT FROM p."${c}"`).join(' AND ');
    await db.run(`INSERT INTO wh.core.${table} SELECT p.* FROM prev.core.${table} p WHERE NOT EXISTS (SELECT 1 FROM wh.core.${table} n WHERE ${sameRow})`);
  }
  // The marts need birth dates; people carried over keep theirs (NULL for those top-coded at 90+).
  await db.run(`INSERT INTO person_dates SELECT person_id, birth_date, death_date FROM prev.core.person
                WHERE person_id NOT IN (SELECT person_id FROM person_dates)`);
}

/** The load history of the previous warehouse goes on in the new one. */
export async function carryOverHistory(db: Database): Promise<void> {
  for (const table of ['runs', 'file_counts', 'quarantine']) {
    await db.run(`INSERT INTO wh.etl.${table} BY NAME SELECT * FROM prev.etl.${table}`);
  }
}
