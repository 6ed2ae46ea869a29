// One run of a report: recorded in the delivery log with every recipient queued, rendered once,
// then sent to each recipient in a message of their own (so that a refusal is theirs alone, and so
// that per-recipient row restriction can later render per recipient). Each delivery ends sent or
// failed with the mail server's reply; a rendering error fails the run and every delivery.
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { runStatusOf, type Delivery, type ReportRun, type ReportStore } from '../../core/reports/report-store.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { smtpReply, type Mailer } from './mailer.ts';
import { renderReport, type RenderedReport, type RenderOptions } from './render-report.ts';

export interface DeliveryDeps {
  store: ReportStore;
  mailer: Mailer;
  /** The From address of report e-mails. */
  from: string;
}

export interface RunResult {
  run: ReportRun;
  deliveries: Delivery[];
  /** Absent when rendering failed. */
  rendered?: RenderedReport;
}

export async function runReport(db: Database, report: SavedReport, options: RenderOptions & { trigger?: string }, deps: DeliveryDeps): Promise<RunResult> {
  const { store, mailer } = deps;
  const run = await store.startRun({ reportId: report.id, trigger: options.trigger ?? 'manual', transport: mailer.destination, recipients: report.recipients });
  let rendered: RenderedReport;
  try {
    rendered = await renderReport(db, report, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const recipient of report.recipients) await store.recordDelivery(run.id, recipient, 'failed', reason);
    return { run: await store.finishRun(run.id, { status: 'failed', dataVersion: null, error: reason }), deliveries: await store.deliveries(run.id) };
  }
  for (const recipient of report.recipients) {
    const mail = { from: deps.from, to: recipient, subject: rendered.subject, html: rendered.html, text: rendered.text, attachments: rendered.attachments };
    try {
      await store.recordDelivery(run.id, recipient, 'sent', await mailer.send(mail));
    } catch (error) {
      await store.recordDelivery(run.id, recipient, 'failed', smtpReply(error));
    }
  }
  const deliveries = await store.deliveries(run.id);
  const finished = await store.finishRun(run.id, { status: runStatusOf(deliveries), dataVersion: rendered.dataVersion });
  return { run: finished, deliveries, rendered };
}
