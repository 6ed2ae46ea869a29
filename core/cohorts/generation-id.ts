// The identity of a warehouse generation's people, under which its cohort work is kept on disk
// (generation-store.ts): the load's data version and time, the stored population (people, key sum),
// core.person's row count and the record keys of rows spread over it, so that another
// load, another warehouse or the same data written in another row order never shares it. DuckDB only:
// elsewhere people are listed by person id, which is never kept. Undefined for a warehouse without
// its load record.
import { createHash } from 'node:crypto';
import { recordKeySql } from '../disclosure/cell-key.ts';
import type { Database } from '../warehouse/database.ts';
import { storedFactTablesSql, storedPopulationSql } from '../warehouse/warehouse-facts-sql.ts';

/** Bump when what is kept for a generation, or how it is counted, changes: older entries are then never read. */
export const KEPT_FORMAT = 1;
/** Rows whose record keys are part of the identity. */
const SAMPLED_ROWS = 64;

export async function generationIdOf(db: Database): Promise<string | undefined> {
  if (db.dialect.name !== 'duckdb') return undefined;
  const [info] = await db.query<{ data_version: string; loaded_at: string }>('SELECT data_version, loaded_at::VARCHAR AS loaded_at FROM etl.warehouse_info LIMIT 1');
  if (!info) return undefined;
  const [stored] = await db.query<{ n: number }>(storedFactTablesSql());
  const population = Number(stored?.n) === 2 ? await db.query(storedPopulationSql(db.dialect)) : [];
  // The table's row count is metadata; the sampled rows' keys tell its order.
  const [rowCount] = await db.query<{ people: number }>('SELECT count(*)::BIGINT AS people FROM core.person');
  const step = Math.max(1, Math.floor(rowCount!.people / SAMPLED_ROWS));
  const sampled = await db.query(
    `SELECT rowid::BIGINT AS r, ${recordKeySql('person_id')}::UBIGINT AS k FROM core.person WHERE rowid % $1 = 0 ORDER BY rowid LIMIT ${SAMPLED_ROWS + 1}`,
    [step],
  );
  const identity = JSON.stringify({ KEPT_FORMAT, info, population, rowCount, sampled });
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
