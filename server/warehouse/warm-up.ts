// What a new warehouse generation's first requests would otherwise compute or read while a user
// waits, started as soon as the server opens it (at start, and after each load): the warehouse facts
// (meta with the population, the values each dimension lists; both variants, exact and protected) and
// the measure cell catalog, then one read of the demographic cell table, the table every yearly
// dashboard query sums, so its columns are in DuckDB's buffers before the first of them. At 1,000,000
// people the facts take seconds and a first measure query reads the cells from the file. The facts
// are the same cached promises the routes await, so a request during the warm-up waits for it
// instead of starting it again. Nothing is sent anywhere or kept beyond what the routes keep anyway.
// Last, after the pages' views (warmCohorts), the person index the first use of a cohort reads. What is
// warmed for a warehouse of which size: start-up-warm-up.ts (below 100,000 people, the facts only).
import type { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import { CELL_TABLES, measureCellCatalog } from '../../core/measures/measure-cells.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';

const CELL_COLUMNS_READ = 'count(*), sum(numerator), sum(denominator), sum(numerator_people), sum(denominator_people), sum(numerator_key), sum(denominator_key), sum(sum_yy), sum(sum_xx), sum(sum_xy), sum(n), max(max_value)';

export async function warmWarehouse(db: Database): Promise<void> {
  const [, , catalog] = await Promise.all([warehouseMeta(db), dimensionValues(db), measureCellCatalog(db)]);
  // A warehouse built before the cells (or another engine) has no such table: nothing to read.
  const table = CELL_TABLES[0]!.table;
  if (db.dialect.shardColumn || !catalog.has(table)) return;
  await db.query(`SELECT ${CELL_COLUMNS_READ} FROM mart.${table}`);
}

/**
 * The cohort gate's person index (every person's row number and record key: about a second at
 * 1,000,000 people), which the first preview, save or profile of a cohort would otherwise read while
 * its user waits. The same cached promise the gate awaits. A warehouse without the cohort tables
 * fails here as a request would; the warm-up ends quietly.
 */
export async function warmCohorts(db: Database, members: CohortMembers): Promise<void> {
  await members.index(db);
}
