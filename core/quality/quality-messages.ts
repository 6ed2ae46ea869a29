// The texts of `popsight quality` (cli/warehouse-commands.ts) and of the load's closing quality line:
// tests assert against these functions. Pure formatting of a QualityReport.
import type { QualityCheckResult, QualityReport } from './quality-report.ts';

const count = (value: number | null) => (value === null ? 'hidden' : value.toLocaleString('en-US'));

export const qualityMessages = {
  noResults: 'This warehouse has no data-quality results: it was built before the checks existed. Load it again to run them.',
  /** Appended to the load's "N of M checks pass" line. */
  failingChecks: (ids: readonly string[]) => (ids.length ? ` (failing: ${ids.join(', ')})` : ''),

  header: (report: QualityReport, all: boolean): string =>
    `Quality checks of run ${report.runId} (data version ${report.dataVersion}): ${report.summary.passed} of ${report.summary.checks} pass; ` +
    `${report.summary.new} new, ${report.summary.resolved} resolved since the previous load. ${all ? 'Every check:' : 'Failing and warning checks:'}`,
  nothingFails: 'Every check passes.',
  /** FAIL for a failing check of severity error, WARN for one of severity warning, pass otherwise. */
  label: (check: QualityCheckResult): string => (check.status === 'pass' ? 'pass' : check.severity === 'warning' ? 'WARN' : 'FAIL'),
  check: (check: QualityCheckResult): string =>
    `${qualityMessages.label(check)}  ${check.id}  [${check.category}${check.subcategory ? `/${check.subcategory}` : ''}]  ` +
    `${count(check.rowsFailed)} of ${count(check.rowsChecked)} rows fail (threshold ${check.threshold}%)` +
    `${check.comparison ? `  ${check.comparison}` : ''}\n      ${check.description}`,
  resolved: (ids: readonly string[]) => `Resolved since the previous load: ${ids.join(', ')}`,
};
