// When a report runs: a cron expression read in an IANA time zone (croner), so "07:00 every Monday
// in Europe/Paris" stays 07:00 local across daylight-saving changes. Pure: the current time comes in.
import { Cron } from 'croner';

export interface ReportSchedule {
  /** Five-part cron expression: minute hour day-of-month month day-of-week. */
  cron: string;
  /** IANA time zone the expression is read in, e.g. Europe/Paris. */
  timeZone: string;
  /** Also run after each successful load (once per data version). */
  afterLoad?: boolean;
}

/** Mondays at 07:00 UTC: "the same answers every Monday". */
export const DEFAULT_SCHEDULE = { cron: '0 7 * * 1', timeZone: 'UTC', afterLoad: false } as const satisfies ReportSchedule;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why `cron` is not a valid five-part expression, or null when it is. */
export function cronProblem(cron: string): string | null {
  if (cron.trim().split(/\s+/).length !== 5) return 'five fields: minute hour day-of-month month day-of-week';
  try {
    new Cron(cron, { mode: '5-part', paused: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The first run strictly after `after`, as a UTC instant; null when the expression never runs again. */
export function nextRunAfter(schedule: ReportSchedule, after: Date): Date | null {
  return new Cron(schedule.cron, { mode: '5-part', timezone: schedule.timeZone, paused: true }).nextRun(after);
}
