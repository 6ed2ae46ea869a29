// Each data-quality check across the loads a warehouse holds (quality.results keeps one row per check
// per run; a load that appends carries the earlier runs over): per run its status and counts, and how
// it changed against the run before (new / resolved / stable), in the spirit of OHDSI Ares. Counts
// only; below admin each run's counts go through protectFailedOfChecked (no count of 1–10).
import type { Database } from '../warehouse/database.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { appendedOrderSql, tablePresentSql } from '../warehouse/load-records-sql.ts';
import { protectFailedOfChecked } from './quality-disclosure.ts';

export type CheckStatus = 'pass' | 'fail';
export type CheckChange = 'new' | 'resolved' | 'stable';

export interface QualityRun {
  runId: string;
  checkedAt: string;
  checks: number;
  passed: number;
  failed: number;
}

export interface CheckRunResult {
  runId: string;
  status: CheckStatus;
  /** null when suppressed (a count of 1–10, or one that would give such a count away). */
  rowsChecked: number | null;
  rowsFailed: number | null;
  percentFailed: number | null;
  /** Against the run before in this history; for the first run, the comparison the load made with the warehouse it replaced. */
  change: CheckChange | null;
  suppressed: boolean;
}

export interface CheckHistory {
  id: string;
  category: string;
  subcategory: string | null;
  description: string;
  severity: 'error' | 'warning';
  /** The threshold of the latest run. */
  threshold: number;
  /** Oldest run first; a run that did not have the check has no entry. */
  runs: CheckRunResult[];
}

export interface QualityHistory {
  /** Oldest first, in the order they were appended. */
  runs: QualityRun[];
  checks: CheckHistory[];
}

/**
 * new: fails now and did not fail in the run before; resolved: passes now, failed before; stable: same
 * status. Null when there is no run before, or the check was not in it and passes now (as the load's own comparison).
 */
export function changeBetween(before: CheckStatus | undefined, now: CheckStatus, hasRunBefore: boolean): CheckChange | null {
  if (!hasRunBefore) return null;
  if (now === 'fail') return before === 'fail' ? 'stable' : 'new';
  if (before === undefined) return null;
  return before === 'fail' ? 'resolved' : 'stable';
}

export interface QualityResultRow {
  runId: string;
  checkedAt: string;
  id: string;
  category: string;
  subcategory: string | null;
  description: string;
  severity: 'error' | 'warning';
  threshold: number;
  status: CheckStatus;
  rowsChecked: number;
  rowsFailed: number;
  percentFailed: number;
  /** The comparison stored at load time (against the warehouse the load replaced). */
  comparison: CheckChange | null;
}

/** The history from quality.results rows given in run order (oldest run first). Pure. */
export function buildQualityHistory(rows: readonly QualityResultRow[], { exactCounts = false }: { exactCounts?: boolean } = {}): QualityHistory {
  const runIds = [...new Set(rows.map((r) => r.runId))];
  const byRun = new Map(runIds.map((id) => [id, rows.filter((r) => r.runId === id)]));
  const runs: QualityRun[] = runIds.map((runId) => {
    const results = byRun.get(runId)!;
    const failed = results.filter((r) => r.status === 'fail').length;
    return { runId, checkedAt: results[0].checkedAt, checks: results.length, passed: results.length - failed, failed };
  });
  const checkIds = [...new Set(rows.map((r) => r.id))];
  const checks = checkIds.map((id): CheckHistory => {
    const entries: CheckRunResult[] = [];
    let latest: QualityResultRow | undefined;
    runIds.forEach((runId, index) => {
      const row = byRun.get(runId)!.find((r) => r.id === id);
      if (!row) return;
      latest = row;
      const before = index > 0 ? byRun.get(runIds[index - 1])!.find((r) => r.id === id)?.status : undefined;
      const change = index === 0 ? row.comparison : changeBetween(before, row.status, true);
      const pair = exactCounts ? { checked: row.rowsChecked, failed: row.rowsFailed, suppressionReason: null } : protectFailedOfChecked(row.rowsChecked, row.rowsFailed);
      entries.push({
        runId,
        status: row.status,
        rowsChecked: pair.checked,
        rowsFailed: pair.failed,
        percentFailed: pair.failed === null ? null : Math.round(row.percentFailed * 1e4) / 1e4,
        change,
        suppressed: pair.suppressionReason !== null,
      });
    });
    const { category, subcategory, description, severity, threshold } = latest!;
    return { id, category, subcategory, description, severity, threshold, runs: entries };
  });
  return { runs, checks };
}

// Runs in the order they were appended (the first rowid of each): a re-run may carry an earlier clock.
const historySql = (dialect: SqlDialect) => `WITH r AS (SELECT *, min(${appendedOrderSql(dialect)}) OVER (PARTITION BY run_id) AS run_order, ${appendedOrderSql(dialect)} AS row_order FROM quality.results)
  SELECT run_id AS "runId", checked_at AS "checkedAt", check_id AS id, category, subcategory,
         description, severity, threshold, status, rows_checked AS "rowsChecked", rows_failed AS "rowsFailed",
         percent_failed AS "percentFailed", comparison
  FROM r ORDER BY run_order, row_order`;

/** Every run of quality.results with each check's history; null for a warehouse without quality.results. */
export async function readQualityHistory(db: Database, options: { exactCounts?: boolean } = {}): Promise<QualityHistory | null> {
  const [{ present }] = await db.query<{ present: number }>(tablePresentSql(db.dialect, 'quality', 'results'));
  if (!Number(present)) return null;
  const rows = await db.query<QualityResultRow & Record<string, unknown>>(historySql(db.dialect));
  if (!rows.length) return null;
  return buildQualityHistory(rows, options);
}
