// A report: a named list of saved dashboard views, its owner, its recipients and its schedule.
// Validation names the field at fault ("Report recipients[1]: 'bob' is not an e-mail address").
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { reportMessages } from './report-messages.ts';
import { cronProblem, DEFAULT_SCHEDULE, isTimeZone, nextRunAfter } from './report-schedule.ts';
import { reportViewSchema, VIEW_FIELDS } from './report-view.ts';

/** Views in one report: each is a query and a chart, so a report stays a page, not a dashboard. */
export const MAX_VIEWS = 12;
export const MAX_RECIPIENTS = 500;

export const reportScheduleSchema = z
  .object({
    cron: z.string().trim(),
    timeZone: z.string().trim().refine(isTimeZone, { error: (issue) => reportMessages.badTimeZone(String(issue.input)) }),
    /** Also run after each successful load, once per data version. */
    afterLoad: z.boolean().default(false),
  })
  .strict()
  .superRefine((schedule, context) => {
    const problem = cronProblem(schedule.cron);
    if (problem) context.addIssue({ code: 'custom', path: ['cron'], message: reportMessages.badCron(schedule.cron, problem) });
    else if (isTimeZone(schedule.timeZone) && nextRunAfter(schedule, new Date(0)) === null) {
      context.addIssue({ code: 'custom', path: ['cron'], message: reportMessages.neverRuns(schedule.cron) });
    }
  });

export const reportDefinitionSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** The principal who owns the report (the user name the server knows them by). */
    owner: z.string().trim().min(1).max(200),
    recipients: z.array(z.email({ error: (issue) => reportMessages.notEmail(String(issue.input)) })).min(1).max(MAX_RECIPIENTS),
    views: z.array(reportViewSchema).min(1).max(MAX_VIEWS),
    schedule: reportScheduleSchema.default(DEFAULT_SCHEDULE),
    /** Also attach one PDF of the whole report (report-pdf.ts) to each message. */
    pdf: z.boolean({ error: () => reportMessages.notBoolean() }).default(false),
  })
  .strict();

export type ReportDefinition = z.output<typeof reportDefinitionSchema>;

export interface SavedReport extends ReportDefinition {
  id: string;
  createdAt: string;
  /** The next scheduled run, UTC ISO; null when the schedule never runs again. */
  nextRunAt: string | null;
  /** Set while the scheduler skips the report: after repeated failed runs, or paused by hand. */
  paused: { at: string; reason: string } | null;
  /** Recipients who followed the unsubscribe link of a message: no run sends to them. */
  unsubscribed: string[];
}

/** The definition, validated and normalized (defaults filled in, recipients lower-cased and kept once). */
export function parseReportDefinition(input: unknown): ReportDefinition {
  const parsed = reportDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fieldName(issue.path) || 'definition';
    const problem = issue.code === 'unrecognized_keys' ? reportMessages.unknownKey(issue.keys[0]!, knownKeys(issue.path)) : issue.message;
    throw new DomainError('invalid_definition', reportMessages.invalidField(field, problem), { field });
  }
  const recipients = [...new Set(parsed.data.recipients.map((address) => address.toLowerCase()))];
  return { ...parsed.data, recipients };
}

/** `views[0].filters.race` from a zod path. */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function knownKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(reportDefinitionSchema.shape);
  if (path[0] === 'schedule') return ['cron', 'timeZone', 'afterLoad'];
  return [...VIEW_FIELDS];
}
