// The port through which reports and their delivery log are kept (server/state implements it in the
// state store). A run is one sending of a report; each recipient of a run has one delivery whose
// status moves queued → sent or failed, with the mail server's reply, or skipped, with the reason.
import type { ReportDefinition, SavedReport } from './report-definition.ts';

/** `skipped`: the recipient reads no rows (recipient-rows.ts), so nothing was sent to them. */
export type DeliveryStatus = 'queued' | 'sent' | 'failed' | 'skipped';
export type RunStatus = 'running' | 'sent' | 'partly-sent' | 'failed';

export interface ReportRun {
  id: string;
  reportId: string;
  /** What started it: `manual` (popsight reports run), `schedule` (its cron) or `load` (a load published). */
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  /** The warehouse's data version the run rendered. */
  dataVersion: string | null;
  /** Where messages went: `smtp://host:port` (no credentials) or the outbox folder. */
  transport: string;
  /** Why the whole run failed (rendering), when it did. */
  error: string | null;
}

export interface Delivery {
  runId: string;
  recipient: string;
  status: DeliveryStatus;
  /** The SMTP reply (sent or failed), the .eml file written, the error, or why it was skipped. */
  detail: string | null;
  updatedAt: string;
}

export interface ReportStore {
  list(): Promise<SavedReport[]>;
  get(id: string): Promise<SavedReport | undefined>;
  save(definition: ReportDefinition): Promise<SavedReport>;
  /**
   * Replaces a report's definition (its name, views, recipients, schedule; the owner stays), its next
   * run made again from now when the schedule changed; undefined when there is no such report.
   */
  update(id: string, definition: ReportDefinition): Promise<SavedReport | undefined>;
  /** Records a run as started, with every recipient queued. */
  startRun(run: { reportId: string; trigger: string; transport: string; recipients: readonly string[] }): Promise<ReportRun>;
  recordDelivery(runId: string, recipient: string, status: Exclude<DeliveryStatus, 'queued'>, detail: string): Promise<void>;
  finishRun(runId: string, outcome: { status: Exclude<RunStatus, 'running'>; dataVersion: string | null; error?: string }): Promise<ReportRun>;
  runs(reportId: string): Promise<ReportRun[]>;
  deliveries(runId: string): Promise<Delivery[]>;
  /**
   * Claims the key of one run (`<report>@<scheduled instant>` or `<report>@load:<data version>`):
   * true the first time, false ever after, so a run is never made twice.
   */
  claimRun(runKey: string, reportId: string): Promise<boolean>;
  /** Sets the next scheduled run (UTC ISO; null: never). */
  setNextRun(reportId: string, nextRunAt: string | null): Promise<void>;
  /** The scheduler skips a paused report; a manual run still runs it. */
  pause(reportId: string, reason: string): Promise<void>;
  resume(reportId: string): Promise<void>;
  /** Stops sending the report to `recipient`; false when they are not one of its recipients. */
  unsubscribe(reportId: string, recipient: string): Promise<boolean>;
  /** The secret named `name`, made by `make` and kept the first time it is asked for. */
  secret(name: string, make: () => string): Promise<string>;
}

/** The recipients a run sends to: the report's, less those who unsubscribed. */
export const activeRecipients = (report: Pick<SavedReport, 'recipients' | 'unsubscribed'>): string[] =>
  report.recipients.filter((recipient) => !report.unsubscribed.includes(recipient));

/** A run's status from its deliveries: all sent, none sent, or some (a skipped recipient was not reached). */
export function runStatusOf(deliveries: readonly Pick<Delivery, 'status'>[]): Exclude<RunStatus, 'running'> {
  const sent = deliveries.filter((d) => d.status === 'sent').length;
  if (sent === deliveries.length && sent > 0) return 'sent';
  return sent === 0 ? 'failed' : 'partly-sent';
}
