// Which reports are due, and under which run key. Pure: the reports and the current time come in.
// A report is due when its next scheduled run is not after now. However many scheduled instants
// passed while the server was down, the report runs once, keyed by the first instant it missed, and
// its next run becomes the first instant after now: a missed Monday report arrives late once, not
// once per missed Monday. The key makes the run happen once even if the server stops between
// running it and recording its next run.
import type { SavedReport } from './report-definition.ts';
import { nextRunAfter } from './report-schedule.ts';

export interface DueRun {
  report: SavedReport;
  /** `<report id>@<scheduled instant, UTC ISO>`. */
  runKey: string;
  /** The scheduled instant this run is for. */
  scheduledFor: string;
  /** What the report's next run becomes (UTC ISO), null when the schedule never runs again. */
  nextRunAt: string | null;
}

export const scheduledRunKey = (reportId: string, instant: string): string => `${reportId}@${instant}`;
export const loadRunKey = (reportId: string, dataVersion: string): string => `${reportId}@load:${dataVersion}`;

/** The reports due at `now`, in the order given; paused ones are skipped (their schedule waits). */
export function dueRuns(reports: readonly SavedReport[], now: Date): DueRun[] {
  return reports
    .filter((report) => report.paused === null && report.nextRunAt !== null && Date.parse(report.nextRunAt) <= now.getTime())
    .map((report) => ({
      report,
      runKey: scheduledRunKey(report.id, report.nextRunAt!),
      scheduledFor: report.nextRunAt!,
      nextRunAt: nextRunAfter(report.schedule, now)?.toISOString() ?? null,
    }));
}

/**
 * The reports that run after the load that published `load` (paused ones are skipped), only those
 * made before that load: a new subscription waits for the next load rather than firing at once.
 */
export function afterLoadRuns(reports: readonly SavedReport[], load: { dataVersion: string; loadedAt: string }): { report: SavedReport; runKey: string }[] {
  return reports
    .filter((report) => report.paused === null && report.schedule.afterLoad === true && Date.parse(report.createdAt) < Date.parse(load.loadedAt))
    .map((report) => ({ report, runKey: loadRunKey(report.id, load.dataVersion) }));
}

/** How many runs in a row, counting back from the last, delivered to nobody. */
export function failedRunsInARow(runs: readonly { status: string }[]): number {
  let count = 0;
  for (let i = runs.length - 1; i >= 0 && runs[i]!.status === 'failed'; i--) count++;
  return count;
}
