// The pure side of the report forms: the Explore view as a report view (what a report can keep of
// it, and what it cannot, in words), the default schedule (Mondays 07:00 in the browser's zone),
// recipients typed as text, and the server's field errors sorted to the form's fields.
import type { Filters } from '../../../core/api/api-types.ts';
import type { ViewState } from '../lib/view-state.ts';
import type { ReportSchedule, ReportView } from './reports-api.ts';

/** Mondays at 07:00: "the same answers every Monday". */
export const DEFAULT_CRON = '0 7 * * 1';

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const defaultSchedule = (timeZone = browserTimeZone()): ReportSchedule => ({ cron: DEFAULT_CRON, timeZone });

/**
 * The report view of a dashboard view (its measure, stratifiers, period, window, filters, adjustment
 * and cohort: core/reports/report-view.ts), or the reasons it cannot be one: a report view draws a
 * trend, so it needs a measure and a calendar period.
 */
export function reportViewOf(state: Pick<ViewState, 'measure' | 'by' | 'period' | 'from' | 'to' | 'adjust' | 'filters' | 'cohort'>): { view: ReportView | null; problems: string[] } {
  const problems: string[] = [];
  if (!state.measure) problems.push('Choose a measure first.');
  if (state.period === 'all') problems.push('A report view shows a trend: choose the period Year, Quarter or Month.');
  if (problems.length > 0 || state.period === 'all') return { view: null, problems };
  const filters: Filters = {};
  for (const [dimension, value] of Object.entries(state.filters)) if (value) filters[dimension as keyof Filters] = value;
  return {
    view: { measure: state.measure!, by: [...state.by], period: state.period, from: state.from, to: state.to, filters, adjust: state.adjust ? 'age' : null, cohort: state.cohort },
    problems,
  };
}

/** `a@x.org, b@y.org` or one per line → the addresses, in order, each once. */
export const parseRecipients = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean))];

export type FormField = 'name' | 'recipients' | 'cron' | 'timeZone' | 'pdf' | 'form';

/** Which field of the form a server error's `details.field` belongs to (`recipients[1]` → recipients). */
export function formFieldOf(field: unknown): FormField {
  if (typeof field !== 'string') return 'form';
  if (field === 'name') return 'name';
  if (field.startsWith('recipients')) return 'recipients';
  if (field === 'schedule.cron' || field === 'schedule') return 'cron';
  if (field === 'schedule.timeZone') return 'timeZone';
  if (field === 'pdf') return 'pdf';
  return 'form';
}

/** `Mondays 07:00 Europe/Paris`-like words for the common schedules, else the cron expression and zone. */
export function describeSchedule(schedule: ReportSchedule): string {
  const days = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\d|\*)$/.exec(schedule.cron.trim());
  const when = match
    ? `${match[3] === '*' ? 'Every day' : days[Number(match[3]) % 7]} ${match[2]!.padStart(2, '0')}:${match[1]!.padStart(2, '0')}`
    : schedule.cron;
  return `${when} (${schedule.timeZone})${schedule.afterLoad ? ', and after each load' : ''}`;
}
