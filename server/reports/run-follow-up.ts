// What happens after a run that did not reach every recipient (so failure is never silent): the
// owner gets a notice naming each failed recipient and the mail server's reply (when the owner is an
// e-mail address; the server log gets it otherwise), and after PAUSE_AFTER_FAILED_RUNS runs in a row
// that reached nobody the report is paused, so a broken report stops retrying every schedule.
import { z } from 'zod';
import { failedRunsInARow } from '../../core/reports/due-runs.ts';
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { escapeHtml } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { Delivery, ReportRun, ReportStore } from '../../core/reports/report-store.ts';
import { smtpReply, type Mailer } from './mailer.ts';

export const PAUSE_AFTER_FAILED_RUNS = 3;

export interface FollowUp {
  /** Where the notice went: the owner's address, `log`, or null when the run reached everyone. */
  notice: string | null;
  /** Set when this run paused the report: the failed runs in a row. */
  pausedAfter: number | null;
}

export interface FollowUpDeps {
  store: ReportStore;
  mailer: Mailer;
  from: string;
  log?: (message: string) => void;
}

const isEmail = (value: string) => z.email().safeParse(value).success;

export async function followUpRun(report: SavedReport, run: ReportRun, deliveries: readonly Delivery[], deps: FollowUpDeps): Promise<FollowUp> {
  if (run.status === 'sent' || (run.status === 'failed' && deliveries.length === 0 && !run.error)) return { notice: null, pausedAfter: null };
  const log = deps.log ?? console.error;
  const failedRuns = failedRunsInARow(await deps.store.runs(report.id));
  const pausedAfter = failedRuns >= PAUSE_AFTER_FAILED_RUNS && report.paused === null ? failedRuns : null;
  if (pausedAfter !== null) await deps.store.pause(report.id, reportMessages.pausedAfterFailures(pausedAfter));
  const subject = reportMessages.noticeSubject(report.name, run.status);
  const text = reportMessages.noticeBody({
    reportName: report.name,
    reportId: report.id,
    runId: run.id,
    failures: deliveries.filter((d) => d.status !== 'sent'),
    error: run.error,
    pausedAfter,
  });
  if (!isEmail(report.owner)) {
    log(`${subject}\n${text}`);
    return { notice: 'log', pausedAfter };
  }
  try {
    await deps.mailer.send({ from: deps.from, to: report.owner, subject, text, html: `<pre>${escapeHtml(text)}</pre>`, attachments: [] });
  } catch (error) {
    log(`${subject} (the notice to ${report.owner} failed too: ${smtpReply(error)})\n${text}`);
  }
  return { notice: report.owner, pausedAfter };
}
