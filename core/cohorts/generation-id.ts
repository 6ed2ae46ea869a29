// The identity of a warehouse generation's people, under which its cohort work is kept on disk
// (generation-store.ts): the load's data version and time and its population (the warehouse facts
// every route reads, cached per generation: exact and perturbed, so its key sum too), and the record
// keys of 64 rows spread over core.person's row numbers, so that another load, another warehouse or
// the same data written in another row order never shares it. DuckDB only: elsewhere people are
// listed by person id, which is never kept.
import { createHash } from 'node:crypto';
import { recordKeySql } from '../disclosure/cell-key.ts';
import type { Database } from '../warehouse/database.ts';
import { warehouseMeta } from '../warehouse/warehouse-facts.ts';

/** Bump when what is kept for a generation, or how it is counted, changes: older entries are then never read. */
export const KEPT_FORMAT = 1;
/** Rows whose record keys are part of the identity. */
const SAMPLED_ROWS = 64;

export async function generationIdOf(db: Database): Promise<string | undefined> {
  if (db.dialect.name !== 'duckdb') return undefined;
  const [exact, perturbed] = await Promise.all([warehouseMeta(db, { exactCounts: true }), warehouseMeta(db)]);
  const step = Math.max(1, Math.floor(exact.people / SAMPLED_ROWS));
  const sampled = await db.query(
    `SELECT rowid::BIGINT AS r, ${recordKeySql('person_id')}::UBIGINT AS k FROM core.person WHERE rowid % $1 = 0 ORDER BY rowid LIMIT ${SAMPLED_ROWS + 1}`,
    [step],
  );
  const identity = JSON.stringify({ KEPT_FORMAT, exact, perturbed: perturbed.people, sampled });
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
