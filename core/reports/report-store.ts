// The port through which reports and their delivery log are kept (server/state implements it in the
// state store). A run is one rendering of a report; each recipient of a run has one delivery whose
// status moves queued → sent or failed, with the mail server's reply.
import type { ReportDefinition, SavedReport } from './report-definition.ts';

export type DeliveryStatus = 'queued' | 'sent' | 'failed';
export type RunStatus = 'running' | 'sent' | 'partly-sent' | 'failed';

export interface ReportRun {
  id: string;
  reportId: string;
  /** What started it: `manual` (popsight reports run) for now; `schedule` and `load` later. */
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
  /** The SMTP reply (sent or failed), the .eml file written, or the error. */
  detail: string | null;
  updatedAt: string;
}

export interface ReportStore {
  list(): Promise<SavedReport[]>;
  get(id: string): Promise<SavedReport | undefined>;
  save(definition: ReportDefinition): Promise<SavedReport>;
  /** Records a run as started, with every recipient queued. */
  startRun(run: { reportId: string; trigger: string; transport: string; recipients: readonly string[] }): Promise<ReportRun>;
  recordDelivery(runId: string, recipient: string, status: Exclude<DeliveryStatus, 'queued'>, detail: string): Promise<void>;
  finishRun(runId: string, outcome: { status: Exclude<RunStatus, 'running'>; dataVersion: string | null; error?: string }): Promise<ReportRun>;
  runs(reportId: string): Promise<ReportRun[]>;
  deliveries(runId: string): Promise<Delivery[]>;
}

/** A run's status from its deliveries: all sent, none sent, or some. */
export function runStatusOf(deliveries: readonly Pick<Delivery, 'status'>[]): Exclude<RunStatus, 'running'> {
  const sent = deliveries.filter((d) => d.status === 'sent').length;
  if (sent === deliveries.length && sent > 0) return 'sent';
  return sent === 0 ? 'failed' : 'partly-sent';
}
