// One run of a report: recorded in the delivery log with every recipient queued, rendered once,
// then sent to each recipient in a message of their own (so that a refusal is theirs alone, each
// carries their own unsubscribe link, and per-recipient row restriction can render per recipient).
// A send the mail server refuses for now (4xx, or no connection) is tried again after a backoff; a
// permanent refusal (5xx) is not. Each delivery ends sent or failed with the mail server's reply; a
// rendering error fails the run and every delivery. A run that did not reach everyone is followed up
// (run-follow-up.ts): a notice to the owner, and a pause after repeated failed runs.
import { randomBytes } from 'node:crypto';
import { withUnsubscribeFooter } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { activeRecipients, runStatusOf, type Delivery, type ReportRun, type ReportStore } from '../../core/reports/report-store.ts';
import { unsubscribeUrl } from '../../core/reports/unsubscribe-link.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { isTransientFailure, smtpReply, type Mailer, type OutgoingMail } from './mailer.ts';
import { renderReport, type RenderedReport, type RenderOptions } from './render-report.ts';
import { followUpRun, type FollowUp } from './run-follow-up.ts';

export interface RetryPolicy {
  /** Sends tried per recipient, the first included. */
  attempts: number;
  /** The wait before attempt `n + 1` (n from 1), in ms. */
  backoffMs(attempt: number): number;
  sleep(ms: number): Promise<void>;
}

/** Three attempts, 2 s then 8 s apart: a mail server's brief refusal passes, a run does not hang. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  backoffMs: (attempt) => 2_000 * 4 ** (attempt - 1),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DeliveryDeps {
  store: ReportStore;
  mailer: Mailer;
  /** The From address of report e-mails. */
  from: string;
  retry?: RetryPolicy;
  log?: (message: string) => void;
}

export interface RunResult {
  run: ReportRun;
  deliveries: Delivery[];
  /** Absent when rendering failed. */
  rendered?: RenderedReport;
  followUp: FollowUp;
}

export const DEFAULT_MAIL_FROM = 'Popsight <popsight@localhost>';

/** The key that signs unsubscribe links, made once per state store. */
export const UNSUBSCRIBE_SECRET = 'unsubscribe-links';
const newSecret = () => randomBytes(32).toString('base64url');

export async function runReport(db: Database, report: SavedReport, options: RenderOptions & { trigger?: string }, deps: DeliveryDeps): Promise<RunResult> {
  const { store, mailer } = deps;
  const recipients = activeRecipients(report);
  const run = await store.startRun({ reportId: report.id, trigger: options.trigger ?? 'manual', transport: mailer.destination, recipients });
  let rendered: RenderedReport | undefined;
  let finished: ReportRun;
  try {
    rendered = await renderReport(db, report, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const recipient of recipients) await store.recordDelivery(run.id, recipient, 'failed', reason);
    finished = await store.finishRun(run.id, { status: 'failed', dataVersion: null, error: reason });
  }
  if (rendered) {
    const secret = await store.secret(UNSUBSCRIBE_SECRET, newSecret);
    for (const recipient of recipients) {
      const link = unsubscribeUrl(options.baseUrl, secret, report.id, recipient);
      const mail: OutgoingMail = {
        from: deps.from,
        to: recipient,
        subject: rendered.subject,
        ...withUnsubscribeFooter(rendered, recipient, link),
        attachments: rendered.attachments,
        headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      };
      const outcome = await sendWithRetries(mailer, mail, deps.retry ?? DEFAULT_RETRY);
      await store.recordDelivery(run.id, recipient, outcome.sent ? 'sent' : 'failed', outcome.detail);
    }
    finished = await store.finishRun(run.id, { status: runStatusOf(await store.deliveries(run.id)), dataVersion: rendered.dataVersion });
  }
  const deliveries = await store.deliveries(run.id);
  const followUp = await followUpRun(report, finished!, deliveries, deps);
  return { run: finished!, deliveries, ...(rendered ? { rendered } : {}), followUp };
}

async function sendWithRetries(mailer: Mailer, mail: OutgoingMail, retry: RetryPolicy): Promise<{ sent: boolean; detail: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { sent: true, detail: await mailer.send(mail) };
    } catch (error) {
      if (!isTransientFailure(error) || attempt >= retry.attempts) {
        const reply = smtpReply(error);
        return { sent: false, detail: attempt > 1 ? reportMessages.retried(attempt, reply) : reply };
      }
      await retry.sleep(retry.backoffMs(attempt));
    }
  }
}
