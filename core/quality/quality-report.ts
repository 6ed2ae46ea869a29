// The data-quality checks (Kahn et al. 2016 categories) of the load that built a warehouse, as
// recorded in quality.results: counts of checked and failing records only, never a patient-level value.
// Below admin the counts go through protectQualityCheck (no count of 1–10); exact only on request.
import type { Database } from '../warehouse/database.ts';
import { perDatabase } from '../warehouse/per-database.ts';
import { warehouseMeta } from '../warehouse/warehouse-facts.ts';
import { appendedOrderSql, byteOrderSql, tablePresentSql } from '../warehouse/load-records-sql.ts';
import { protectQualityCheck } from './quality-disclosure.ts';

export interface QualityCheckResult {
  id: string;
  category: string;
  subcategory: string | null;
  description: string;
  /** null when suppressed (a count of 1–10). */
  rowsChecked: number | null;
  /** null when suppressed: a count of 1–10, or the passing rows are. */
  rowsFailed: number | null;
  /** null whenever rowsFailed is: it would give it back. */
  percentFailed: number | null;
  threshold: number;
  status: 'pass' | 'fail';
  comparison: 'new' | 'resolved' | 'stable' | null;
  severity: 'error' | 'warning';
  /** True when disclosure control hides a count of this check, as in a measure row. */
  suppressed: boolean;
  /** small-cell: a count of 1–10; complementary: hidden so that a count of 1–10 cannot be derived. */
  suppressionReason?: 'small-cell' | 'complementary';
}

export interface QualityReport {
  dataVersion: string;
  runId: string;
  summary: { checks: number; passed: number; failed: number; new: number; resolved: number };
  checks: QualityCheckResult[];
}

/** Exact counts (the admin setting of a trusted environment) instead of protected ones; default false. */
export interface QualityReportOptions {
  exactCounts?: boolean;
}

interface Variants {
  exact: QualityReport;
  protected: QualityReport;
}

// Results are fixed for a warehouse file, so they are read once per warehouse generation, and both
// variants are kept as fixed objects (a route serializes each once per generation).
const reports = perDatabase((db): Promise<Variants | null> =>
  readQualityReport(db).then((exact) => exact && { exact, protected: { ...exact, checks: exact.checks.map(protectQualityCheck) } }));

/** The report of the last quality run, or null for a warehouse built before the checks existed. */
export async function qualityReport(db: Database, options: QualityReportOptions = {}): Promise<QualityReport | null> {
  const report = await reports(db);
  return report && (options.exactCounts === true ? report.exact : report.protected);
}

// Kahn 2016 order: conformance (value, relational, computational), completeness, plausibility
// (uniqueness, atemporal, temporal), then by check id.
const KAHN_ORDER = `CASE category WHEN 'conformance' THEN 1 WHEN 'completeness' THEN 2 ELSE 3 END,
  CASE subcategory WHEN 'value' THEN 1 WHEN 'relational' THEN 2 WHEN 'computational' THEN 3
    WHEN 'uniqueness' THEN 4 WHEN 'atemporal' THEN 5 WHEN 'temporal' THEN 6 ELSE 0 END`;

async function readQualityReport(db: Database): Promise<QualityReport | null> {
  const [{ present }] = await db.query<{ present: number }>(tablePresentSql(db.dialect, 'quality', 'results'));
  if (!Number(present)) return null;
  // The run appended last (rowid order): a re-run may have been given an earlier clock.
  const [last] = await db.query<{ run_id: string | null }>(`SELECT run_id FROM quality.results ORDER BY ${appendedOrderSql(db.dialect)} DESC LIMIT 1`);
  const runId = last?.run_id;
  if (!runId) return null;
  // PostgreSQL rounds numeric, not double precision: the same 4 decimals of the same value.
  const percentFailed = db.dialect.name === 'duckdb' ? 'percent_failed' : 'percent_failed::numeric';
  const checks = await db.query<QualityCheckResult & { [key: string]: unknown }>(
    `SELECT check_id AS id, category, subcategory, description, rows_checked AS "rowsChecked", rows_failed AS "rowsFailed",
            round(${percentFailed}, 4) AS "percentFailed", threshold, status, comparison, severity, false AS suppressed
     FROM quality.results WHERE run_id = $1 ORDER BY ${KAHN_ORDER}, ${byteOrderSql(db.dialect, 'check_id')}`,
    [runId],
  );
  const count = (keep: (c: QualityCheckResult) => boolean) => checks.filter(keep).length;
  const { dataVersion } = await warehouseMeta(db);
  return {
    dataVersion,
    runId,
    summary: {
      checks: checks.length,
      passed: count((c) => c.status === 'pass'),
      failed: count((c) => c.status === 'fail'),
      new: count((c) => c.comparison === 'new'),
      resolved: count((c) => c.comparison === 'resolved'),
    },
    checks,
  };
}
