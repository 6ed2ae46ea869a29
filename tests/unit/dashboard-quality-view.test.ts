// The Data quality page's pure parts: checks joined with their history, the status and category
// filters, and the texts of hidden counts, changes and durations.
import { describe, expect, it } from 'vitest';
import type { QualityCheckResult } from '../../core/quality/quality-report.ts';
import type { QualityHistory } from '../../core/quality/quality-history.ts';
import { categoriesOf, checkRows, countText, durationText, filterChecks, historyEntryText, percentText, stateOf } from '../../client/src/quality/quality-view.ts';

const check = (id: string, category: string, status: 'pass' | 'fail', severity: 'error' | 'warning'): QualityCheckResult => ({
  id, category, subcategory: null, description: id, rowsChecked: 100, rowsFailed: status === 'fail' ? 20 : 0, percentFailed: status === 'fail' ? 20 : 0,
  threshold: 0, status, comparison: null, severity, suppressed: false,
});
const CHECKS = [
  check('a', 'conformance', 'fail', 'error'),
  check('b', 'completeness', 'fail', 'warning'),
  check('c', 'completeness', 'pass', 'error'),
  check('d', 'plausibility', 'pass', 'warning'),
];
const HISTORY: QualityHistory = {
  runs: [],
  checks: [{ id: 'a', category: 'conformance', subcategory: null, description: 'a', severity: 'error', threshold: 0, runs: [
    { runId: 'r1', status: 'pass', rowsChecked: 90, rowsFailed: 0, percentFailed: 0, change: null, suppressed: false },
    { runId: 'r2', status: 'fail', rowsChecked: 100, rowsFailed: null, percentFailed: null, change: 'new', suppressed: true },
  ] }],
};

describe('the Data quality page’s view of the checks', () => {
  const rows = checkRows(CHECKS, HISTORY);

  it('labels a failing error check fail, a failing warning warn, a passing check pass', () => {
    expect(rows.map((r) => r.state)).toEqual(['fail', 'warn', 'pass', 'pass']);
    expect(stateOf({ status: 'pass', severity: 'error' })).toBe('pass');
  });

  it('filters by status and by category, keeping the report’s order', () => {
    expect(filterChecks(rows, { state: 'warn', category: 'all' }).map((r) => r.id)).toEqual(['b']);
    expect(filterChecks(rows, { state: 'all', category: 'completeness' }).map((r) => r.id)).toEqual(['b', 'c']);
    expect(filterChecks(rows, { state: 'pass', category: 'completeness' }).map((r) => r.id)).toEqual(['c']);
    expect(categoriesOf(rows)).toEqual(['conformance', 'completeness', 'plausibility']);
  });

  it('joins each check with its runs and says each run in words, a hidden count as hidden', () => {
    expect(rows[0].history).toHaveLength(2);
    expect(rows[1].history).toEqual([]);
    expect(historyEntryText(rows[0].history[0], 0, 2)).toBe('Run 1 of 2: passes, 0 of 90 rows fail');
    expect(historyEntryText(rows[0].history[1], 1, 2)).toBe('Run 2 of 2: fails (new), hidden of 100 rows fail');
  });

  it('writes counts, shares and durations', () => {
    expect([countText(null), countText(12345), percentText(null), percentText(19.04762)]).toEqual(['hidden', '12,345', 'hidden', '19.05%']);
    expect([durationText(4.24), durationText(185)]).toEqual(['4.2 s', '3 min 05 s']);
  });
});
