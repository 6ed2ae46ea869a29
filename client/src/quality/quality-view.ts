// What the Data quality page shows, from the API's answers: each check with its history across loads,
// the filters (status, category) and the texts of statuses, changes and hidden counts. Pure; the
// numbers are the API's own, only formatted (a hidden count is named, never guessed).
import { formatCount } from '../../../core/charts/format.ts';
import type { CheckChange, CheckRunResult, QualityHistory } from '../../../core/quality/quality-history.ts';
import type { QualityCheckResult } from '../../../core/quality/quality-report.ts';

/** fail: a failing check of severity error; warn: a failing check of severity warning; pass. */
export type CheckState = 'fail' | 'warn' | 'pass';

export interface CheckRow extends QualityCheckResult {
  state: CheckState;
  /** The check's runs, oldest first (the last is the run the report shows). */
  history: CheckRunResult[];
}

export interface CheckFilter {
  state: CheckState | 'all';
  category: string | 'all';
}

export const stateOf = (check: Pick<QualityCheckResult, 'status' | 'severity'>): CheckState =>
  check.status === 'pass' ? 'pass' : check.severity === 'warning' ? 'warn' : 'fail';

export const stateLabels: Record<CheckState, string> = { fail: 'Fails', warn: 'Warning', pass: 'Passes' };

export const changeLabels: Record<CheckChange, string> = { new: 'New', resolved: 'Resolved', stable: 'Stable' };

export const changeText = (change: CheckChange | null): string => (change ? changeLabels[change] : '—');

/** A count as shown: formatted, or "hidden" where disclosure control withheld it. */
export const countText = (count: number | null): string => (count === null ? 'hidden' : formatCount(count));

export const percentText = (percent: number | null): string => (percent === null ? 'hidden' : `${percent.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`);

/** The report's checks joined with their history (a check the history lacks has none). */
export function checkRows(checks: readonly QualityCheckResult[], history: QualityHistory | undefined): CheckRow[] {
  const byId = new Map((history?.checks ?? []).map((c) => [c.id, c.runs]));
  return checks.map((check) => ({ ...check, state: stateOf(check), history: byId.get(check.id) ?? [] }));
}

export function filterChecks(rows: readonly CheckRow[], filter: CheckFilter): CheckRow[] {
  return rows.filter((row) => (filter.state === 'all' || row.state === filter.state) && (filter.category === 'all' || row.category === filter.category));
}

/** The categories present, in the report's (Kahn 2016) order. */
export const categoriesOf = (rows: readonly CheckRow[]): string[] => [...new Set(rows.map((row) => row.category))];

/** One run of a check's history in words, for its label: "Run 2 of 3: fails (new), 12 of 600 rows". */
export function historyEntryText(entry: CheckRunResult, index: number, runs: number): string {
  const status = entry.status === 'fail' ? 'fails' : 'passes';
  const change = entry.change ? ` (${changeLabels[entry.change].toLowerCase()})` : '';
  return `Run ${index + 1} of ${runs}: ${status}${change}, ${countText(entry.rowsFailed)} of ${countText(entry.rowsChecked)} rows fail`;
}

/** Seconds as "4.2 s" or "3 min 05 s". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${String(Math.round(seconds - minutes * 60)).padStart(2, '0')} s`;
}
