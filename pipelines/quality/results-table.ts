// quality.results: one row per check per run, counts only (see docs/architecture.md). Created on
// first use, so the checks can also be run on a published warehouse that predates the table.
import type { Database, SqlValue } from '../../core/warehouse/database.ts';
import type { Comparison } from './previous-results.ts';
import type { CheckOutcome } from './run-checks.ts';

export type QualityResult = CheckOutcome & { comparison: Comparison | null };

export function createResultsTableSql(schemaPrefix: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schemaPrefix}quality`,
    `CREATE TABLE IF NOT EXISTS ${schemaPrefix}quality.results (
       run_id VARCHAR NOT NULL, check_id VARCHAR NOT NULL, category VARCHAR NOT NULL, subcategory VARCHAR,
       description VARCHAR NOT NULL, rows_checked BIGINT NOT NULL, rows_failed BIGINT NOT NULL,
       percent_failed DOUBLE NOT NULL, threshold DOUBLE NOT NULL, status VARCHAR NOT NULL, comparison VARCHAR,
       severity VARCHAR NOT NULL, checked_at TIMESTAMP NOT NULL)`,
  ];
}

const COLUMNS = ['run_id', 'check_id', 'category', 'subcategory', 'description', 'rows_checked', 'rows_failed', 'percent_failed', 'threshold', 'status', 'comparison', 'severity', 'checked_at'];

/**
 * A load that appends keeps the quality history: the earlier runs of the attached previous warehouse
 * (`prev`) are copied into the build before this run's results, in the order they were appended, so
 * "the run appended last" stays this one. A previous warehouse without the table, or with an older
 * shape of it, has no history to carry (false).
 */
export async function carryOverResults(db: Database, schemaPrefix: string): Promise<boolean> {
  for (const sql of createResultsTableSql(schemaPrefix)) await db.run(sql);
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_columns() WHERE database_name = 'prev' AND schema_name = 'quality' AND table_name = 'results'
       AND column_name IN (${COLUMNS.map((c) => `'${c}'`).join(', ')})`,
  );
  if (n < COLUMNS.length) return false;
  // ORDER BY: the build runs with preserve_insertion_order = false, which keeps only an explicit order.
  await db.run(`INSERT INTO ${schemaPrefix}quality.results (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM prev.quality.results ORDER BY rowid`);
  return true;
}

export async function writeResults(db: Database, schemaPrefix: string, runId: string, checkedAt: Date, results: QualityResult[]): Promise<void> {
  for (const sql of createResultsTableSql(schemaPrefix)) await db.run(sql);
  for (const r of results) {
    const values: SqlValue[] = [
      runId, r.check.id, r.check.category, r.check.subcategory, r.check.description, r.rowsChecked, r.rowsFailed,
      r.percentFailed, r.check.threshold, r.status, r.comparison, r.check.severity, checkedAt.toISOString(),
    ];
    await db.run(`INSERT INTO ${schemaPrefix}quality.results VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::TIMESTAMP)`, values);
  }
}
