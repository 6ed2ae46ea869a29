// One run of a report: recorded in the delivery log with every recipient queued, rendered once per
// distinct row restriction of its recipients (recipient-rows.ts: each gets the report under their
// own restriction; one who reads no rows is skipped, default deny), then sent to each recipient in a
// message of their own (so that a refusal is theirs alone and each carries their own unsubscribe link).
// A send the mail server refuses for now (4xx, or no connection) is tried again after a backoff; a
// permanent refusal (5xx) is not. Each delivery ends sent, failed with the mail server's reply, or
// skipped with the reason; a rendering error fails the deliveries of that rendering. A run that did not reach everyone is followed up
// (run-follow-up.ts): a notice to the owner, and a pause after repeated failed runs.
import { randomBytes } from 'node:crypto';
import { withUnsubscribeFooter } from '../../core/reports/report-email.ts';
import { groupByRestriction, type RecipientAccess, type RecipientRows } from '../../core/reports/recipient-rows.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { activeRecipients, runStatusOf, type Delivery, type ReportRun, type ReportStore } from '../../core/reports/report-store.ts';
import { unsubscribeUrl } from '../../core/reports/unsubscribe-link.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { isTransientFailure, smtpReply, type Mailer, type OutgoingMail } from './mailer.ts';
import { renderReport, type RenderedReport, type RenderOptions } from './render-report.ts';
import { followUpRun, type FollowUp } from './run-follow-up.ts';
import { cohortForRecipients, type ReportCohorts } from './report-cohorts.ts';

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
  /** Each recipient's rows (recipient-rows.ts): by account with sign-in, every row without it. */
  recipientRows: RecipientRows;
  /** Saved cohorts and the ledger that admits them for each recipient; without them a view over a cohort is left out. */
  cohorts?: ReportCohorts;
}

export interface RunResult {
  run: ReportRun;
  deliveries: Delivery[];
  /** One per distinct restriction of the recipients who read rows, in the order rendered (a failed one is absent). */
  renderings: RenderedReport[];
  followUp: FollowUp;
}

export const DEFAULT_MAIL_FROM = 'Popsight <popsight@localhost>';

/** The key that signs unsubscribe links, made once per state store. */
export const UNSUBSCRIBE_SECRET = 'unsubscribe-links';
const newSecret = () => randomBytes(32).toString('base64url');

export async function runReport(db: Database, report: SavedReport, options: RenderOptions & { trigger?: string }, deps: DeliveryDeps): Promise<RunResult> {
  const { store } = deps;
  const recipients = activeRecipients(report);
  const run = await store.startRun({ reportId: report.id, trigger: options.trigger ?? 'manual', transport: deps.mailer.destination, recipients });
  const renderings: RenderedReport[] = [];
  let error: string | undefined;
  let accesses: Map<string, RecipientAccess> | undefined;
  try {
    accesses = await deps.recipientRows(recipients);
  } catch (failure) {
    error = messageOf(failure);
    for (const recipient of recipients) await store.recordDelivery(run.id, recipient, 'failed', error);
  }
  if (accesses) {
    const { groups, denied } = groupByRestriction(accesses);
    // Default deny: a recipient who reads no rows is sent nothing, and the log says why.
    for (const { recipient, access } of denied) await store.recordDelivery(run.id, recipient, 'skipped', reportMessages.recipientReadsNothing(access.reason));
    for (const group of groups) {
      try {
        const cohort = deps.cohorts && cohortForRecipients(db, deps.cohorts, group.limits, group.principals);
        renderings.push(await renderReport(db, report, { ...options, restriction: group.limits, cohort }));
      } catch (failure) {
        error ??= messageOf(failure);
        for (const recipient of group.recipients) await store.recordDelivery(run.id, recipient, 'failed', messageOf(failure));
        continue;
      }
      await sendRendering(report, renderings.at(-1)!, group.recipients, run.id, options.baseUrl, deps);
    }
  }
  const finished = await store.finishRun(run.id, { status: runStatusOf(await store.deliveries(run.id)), dataVersion: renderings[0]?.dataVersion ?? null, error });
  const deliveries = await store.deliveries(run.id);
  const followUp = await followUpRun(report, finished, deliveries, deps);
  return { run: finished, deliveries, renderings, followUp };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** One rendering to each of its recipients, a message of their own with their unsubscribe link. */
async function sendRendering(report: SavedReport, rendered: RenderedReport, recipients: readonly string[], runId: string, baseUrl: string, deps: DeliveryDeps): Promise<void> {
  const secret = await deps.store.secret(UNSUBSCRIBE_SECRET, newSecret);
  for (const recipient of recipients) {
    const link = unsubscribeUrl(baseUrl, secret, report.id, recipient);
    const mail: OutgoingMail = {
      from: deps.from,
      to: recipient,
      subject: rendered.subject,
      ...withUnsubscribeFooter(rendered, recipient, link),
      attachments: rendered.attachments,
      headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    };
    const outcome = await sendWithRetries(deps.mailer, mail, deps.retry ?? DEFAULT_RETRY);
    await deps.store.recordDelivery(runId, recipient, outcome.sent ? 'sent' : 'failed', outcome.detail);
  }
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
