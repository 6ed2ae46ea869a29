// 6. Quality checks: the data-quality assessment of a load, in the terms of Kahn et al. 2016
// (conformance, completeness, plausibility). Runs every check of the catalog over core.* and
// mart.person_period, compares with the previous load and writes counts to quality.results.
// It records, it never blocks: a failing check is a finding for people to review, not a failed load.
import type { Database } from '../../core/warehouse/database.ts';
import { QUALITY_CHECKS } from './check-catalog.ts';
import { compareWithPrevious, readPreviousRun } from './previous-results.ts';
import { tablesFor } from './quality-check.ts';
import { writeResults, type QualityResult } from './results-table.ts';
import { runCheck } from './run-checks.ts';

export { QUALITY_CHECKS } from './check-catalog.ts';
export type { KahnCategory, KahnSubcategory, QualityCheck, Severity } from './quality-check.ts';
export type { QualityResult } from './results-table.ts';

export interface QualityOptions {
  runId: string;
  /** The load clock: "in the future" means after this instant. */
  now: Date;
  /** The warehouse file the load replaces; its quality.results are the comparison baseline. */
  previousWarehouse?: string;
  /** '' (default) for a published warehouse, 'wh.' for the build attached during a load. */
  schemaPrefix?: string;
  /**
   * A table of (person_id, birth_date, death_date) with the birth dates core.person withholds for
   * ages 90+; during a load, the staging's person_dates. Default: core.person (90+ go unchecked).
   */
  birthDates?: string;
}

export interface QualitySummary {
  runId: string;
  checks: number;
  passed: number;
  failed: number;
  /** Checks failing now that did not fail in the previous load. */
  new: number;
  /** Checks passing now that failed in the previous load. */
  resolved: number;
  previousRunId: string | null;
  /** Why there is no comparison (null when there is one). */
  noComparisonReason: string | null;
  results: QualityResult[];
}

export async function runQualityChecks(db: Database, options: QualityOptions): Promise<QualitySummary> {
  const schemaPrefix = options.schemaPrefix ?? '';
  const tables = tablesFor(schemaPrefix, options.birthDates);
  const { previous, reason } = await readPreviousRun(db, options.previousWarehouse);
  const results: QualityResult[] = [];
  for (const check of QUALITY_CHECKS) {
    const outcome = await runCheck(db, check, tables, options.now);
    results.push({ ...outcome, comparison: compareWithPrevious(outcome.status, previous, check.id) });
  }
  await writeResults(db, schemaPrefix, options.runId, options.now, results);
  const count = (keep: (r: QualityResult) => boolean) => results.filter(keep).length;
  return {
    runId: options.runId,
    checks: results.length,
    passed: count((r) => r.status === 'pass'),
    failed: count((r) => r.status === 'fail'),
    new: count((r) => r.comparison === 'new'),
    resolved: count((r) => r.comparison === 'resolved'),
    previousRunId: previous?.runId ?? null,
    noComparisonReason: reason,
    results,
  };
}
