// `popsight reports add|list|pause|resume|preview|run`: reports on the state store and the warehouse, without a
// server. Preview renders a report to one HTML file and sends nothing; run renders and delivers it
// now (SMTP when POPSIGHT_SMTP_URL is set, else .eml files in <POPSIGHT_HOME>/outbox/) and logs
// every recipient's delivery in the state store.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parseReportDefinition, type SavedReport } from '../core/reports/report-definition.ts';
import { reportCliMessages, reportMessages } from '../core/reports/report-messages.ts';
import type { Delivery, ReportRun, ReportStore } from '../core/reports/report-store.ts';
import { DEFAULT_SCHEDULE, nextRunAfter } from '../core/reports/report-schedule.ts';
import { readViewText } from '../core/reports/report-view.ts';
import { openDatabase, type Database } from '../core/warehouse/database.ts';
import { DEFAULT_MAIL_FROM, runReport, type RunResult } from '../server/reports/deliver-report.ts';
import { mailerFor } from '../server/reports/mailer.ts';
import { cohortGate } from '../server/cohorts/cohort-gate.ts';
import { cohortForRecipients, savedCohortsOfViews, type ReportCohorts } from '../server/reports/report-cohorts.ts';
import { previewHtml, renderReport, type RenderedReport } from '../server/reports/render-report.ts';
import { openReportStore } from '../server/state/report-store.ts';
import type { StateStore } from '../server/state/state-store.ts';
import { rowsByAccountOnceAny } from '../core/reports/recipient-rows.ts';
import { stateOption, withOfflineStateStore } from './offline-state.ts';
import { demoWarehouse, popsightHome, stateDir } from './paths.ts';
import { readServerRuntime, type ServerRuntime } from './server-runtime.ts';

export interface ReportCommandOptions {
  /** The state directory (default: the server's, <POPSIGHT_HOME>/state). */
  state?: string;
}

export interface RenderCommandOptions extends ReportCommandOptions {
  /** Default: the demo's warehouse, <POPSIGHT_HOME>/demo/warehouse.duckdb. */
  warehouse?: string;
  /** Where the dashboard is served, for the links back to the live views. */
  baseUrl?: string;
  exactCounts?: boolean;
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

const clock = () => new Date();
const baseUrlOf = (options: RenderCommandOptions, env: NodeJS.ProcessEnv) => options.baseUrl ?? env.POPSIGHT_BASE_URL ?? DEFAULT_BASE_URL;

function withReports<T>(options: ReportCommandOptions, work: (reports: ReportStore, state: StateStore) => Promise<T>): Promise<T> {
  return withOfflineStateStore(options, reportCliMessages.stateHeld, async (state) => {
    const reports = await openReportStore(state, { clock, newId: randomUUID });
    try {
      return await work(reports, state);
    } finally {
      await reports.close();
    }
  }, clock);
}

async function withWarehouse<T>(file: string | undefined, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(resolve(file ?? demoWarehouse(popsightHome())), { readOnly: true });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

async function requireReport(reports: ReportStore, id: string): Promise<SavedReport> {
  const report = await reports.get(id);
  if (!report) throw new Error(reportMessages.unknownReport(id));
  return report;
}

export interface AddReportOptions extends ReportCommandOptions {
  name: string;
  to: string[];
  view: string[];
  owner?: string;
  cron?: string;
  tz?: string;
  afterLoad?: boolean;
  /** Also attach one PDF of the whole report to each message. */
  pdf?: boolean;
}

export async function addReportCommand(options: AddReportOptions): Promise<SavedReport> {
  const definition = parseReportDefinition({
    name: options.name,
    owner: options.owner ?? userInfo().username,
    recipients: options.to,
    views: options.view.map(readViewText),
    schedule: { cron: options.cron ?? DEFAULT_SCHEDULE.cron, timeZone: options.tz ?? DEFAULT_SCHEDULE.timeZone, afterLoad: options.afterLoad === true },
    pdf: options.pdf === true,
  });
  const saved = await withReports(options, async (reports, state) => {
    // As POST /api/reports: a view's cohort must be a saved cohort of this state store (the ledger is
    // asked when the report is sent, for each recipient).
    await savedCohortsOfViews(state.cohorts, definition);
    return reports.save(definition);
  });
  console.log(reportCliMessages.added(saved.id, saved.name, saved.nextRunAt));
  return saved;
}

export async function listReportsCommand(options: ReportCommandOptions): Promise<void> {
  await withReports(options, async (reports) => {
    const all = await reports.list();
    if (all.length === 0) console.log(reportCliMessages.none());
    for (const report of all) {
      const last = (await reports.runs(report.id)).at(-1);
      console.log(reportCliMessages.listed({
        id: report.id, name: report.name, owner: report.owner, views: report.views.length, recipients: report.recipients.length,
        cron: report.schedule.cron, timeZone: report.schedule.timeZone, nextRunAt: report.nextRunAt, paused: report.paused?.reason ?? null, pdf: report.pdf,
        lastRun: last ? `${last.status} at ${last.startedAt}` : reportCliMessages.neverRun(),
      }));
    }
  });
}

/** `popsight reports pause|resume <id>`: the scheduler skips a paused report (a manual run still runs it). */
export async function pauseReportCommand(id: string, options: ReportCommandOptions): Promise<void> {
  await withReports(options, async (reports) => {
    await requireReport(reports, id);
    await reports.pause(id, reportCliMessages.pausedByHand());
  });
  console.log(reportCliMessages.paused(id));
}

export async function resumeReportCommand(id: string, options: ReportCommandOptions): Promise<void> {
  const report = await withReports(options, async (reports) => {
    const found = await requireReport(reports, id);
    await reports.resume(id);
    // A report paused for weeks resumes from now, not with every schedule it skipped.
    const next = nextRunAfter(found.schedule, clock())?.toISOString() ?? null;
    await reports.setNextRun(id, next);
    return { ...found, nextRunAt: next };
  });
  console.log(reportCliMessages.resumed(id, report.nextRunAt));
}

/** The state store's saved cohorts, and its ledger to admit them (none kept with exact counts, as the server). */
const reportCohortsOf = (state: StateStore, options: { exactCounts?: boolean }): ReportCohorts => ({ store: state.cohorts, gate: cohortGate(state.ledger, { exactCounts: options.exactCounts === true }) });

function printRenderTimes(rendered: RenderedReport): void {
  for (const view of rendered.views) console.log(reportCliMessages.viewRendered(view.measure.title, view.renderMs));
  if (rendered.pdfMs !== null) console.log(reportCliMessages.pdfMade(rendered.pdfMs));
}

export async function previewReportCommand(id: string, options: RenderCommandOptions & { out: string }, env: NodeJS.ProcessEnv = process.env): Promise<RenderedReport> {
  // The preview is the operator's, on this machine: a view's cohort passes the local principal's ledger.
  const rendered = await withReports(options, async (reports, state) => {
    const report = await requireReport(reports, id);
    return withWarehouse(options.warehouse, (db) =>
      renderReport(db, report, { baseUrl: baseUrlOf(options, env), exactCounts: options.exactCounts, cohort: cohortForRecipients(db, reportCohortsOf(state, options), undefined, []) }),
    );
  });
  const out = resolve(options.out);
  writeFileSync(out, previewHtml(rendered));
  printRenderTimes(rendered);
  console.log(reportCliMessages.previewWritten(out));
  return rendered;
}

/** A run as `reports run` tells it, made here or by a running server. */
export interface RunOutcome {
  run: Pick<ReportRun, 'id' | 'status' | 'error' | 'transport'>;
  deliveries: Pick<Delivery, 'recipient' | 'status' | 'detail'>[];
}

export async function runReportCommand(id: string, options: RenderCommandOptions, env: NodeJS.ProcessEnv = process.env): Promise<RunOutcome> {
  // A server holds the state store: it sends the report, on its own warehouse and mail settings.
  const running = readServerRuntime(resolve(options.state ?? stateDir(popsightHome(env))));
  const outcome = running ? await runOnServer(running, id, env) : await runHere(id, options, env);
  console.log(reportCliMessages.runTo(outcome.run.transport));
  for (const delivery of outcome.deliveries) console.log(reportCliMessages.delivery(delivery.recipient, delivery.status, delivery.detail));
  if (outcome.run.error) console.error(reportCliMessages.runFailed(outcome.run.id, outcome.run.error));
  else console.log(reportCliMessages.runStatus(outcome.run.id, outcome.run.status));
  if (outcome.run.status !== 'sent') process.exitCode = 1;
  return outcome;
}

async function runHere(id: string, options: RenderCommandOptions, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const mailer = mailerFor({ smtpUrl: env.POPSIGHT_SMTP_URL || undefined, home: popsightHome(env) }, { clock, newId: randomUUID });
  try {
    const result = await withReports(options, async (reports, state) => {
      const report = await requireReport(reports, id);
      // No server to ask whether sign-in is on: a state store with accounts restricts by account.
      const recipientRows = rowsByAccountOnceAny(state.accounts.users);
      return withWarehouse(options.warehouse, (db) =>
        runReport(db, report, { baseUrl: baseUrlOf(options, env), exactCounts: options.exactCounts }, { store: reports, mailer, from: env.POPSIGHT_MAIL_FROM ?? DEFAULT_MAIL_FROM, recipientRows, cohorts: reportCohortsOf(state, options) }),
      );
    });
    for (const rendered of result.renderings) printRenderTimes(rendered);
    return result;
  } finally {
    mailer.close();
  }
}

/** Sends a report through the running server: with sign-in, as $POPSIGHT_TOKEN's holder, else as the local command line (the server's runtime token). */
async function runOnServer(running: ServerRuntime, id: string, env: NodeJS.ProcessEnv): Promise<RunOutcome> {
  console.log(reportCliMessages.viaServer(running.url));
  const response = await fetch(`${running.url}/api/reports/${encodeURIComponent(id)}/runs`, {
    method: 'POST',
    headers: (env.POPSIGHT_TOKEN ?? running.token) ? { authorization: `Bearer ${env.POPSIGHT_TOKEN ?? running.token}` } : {},
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    const error = body.error as { message?: string } | undefined;
    throw new Error(reportCliMessages.serverRefused(running.url, response.status, error?.message ?? response.statusText));
  }
  const { deliveries, ...run } = body as unknown as RunOutcome['run'] & Pick<RunOutcome, 'deliveries'>;
  return { run, deliveries };
}

/** `popsight reports add|list|pause|resume|preview|run`, on the program of cli/cli.ts. */
export function registerReportCommands(program: Command): void {
  const reports = program.command('reports').description('Report e-mails: saved dashboard views sent to recipients (stop the server first: it holds the state store).');
  const warehouseOptions = (command: Command) => command
    .option('--warehouse <file>', 'DuckDB warehouse file to render from (default: the demo\'s, $POPSIGHT_HOME/demo/warehouse.duckdb)')
    .option('--base-url <url>', 'address of the dashboard, for the links back to the live views (default: $POPSIGHT_BASE_URL or http://127.0.0.1:3000)')
    .option('--exact-counts', 'exact counts, not perturbed ones, as serve --exact-counts: for a trusted environment only', false)
    .addOption(stateOption());
  reports
    .command('add')
    .description('Add a report: a name, recipients and one or more views (each a JSON view or the dashboard\'s URL query).')
    .requiredOption('--name <name>', 'the report\'s name (the e-mail subject)')
    .requiredOption('--to <addresses>', 'comma-separated e-mail addresses', (value: string, previous: string[]) => [...previous, ...value.split(',').map((a) => a.trim()).filter(Boolean)], [])
    .requiredOption('--view <view>', 'a view: \'{"measure":"…","by":["county","sex"],"period":"year","from":2019,"to":2024,"filters":{…},"cohort":"<id>"}\' or the dashboard\'s \'?measure=…&by=county,sex&from=2019&cohort=<id>\' (repeat for more)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--owner <principal>', 'the report\'s owner (default: the current user name)')
    .option('--cron <expression>', 'schedule, five-part cron (default: 0 7 * * 1, Mondays 07:00)')
    .option('--tz <zone>', 'IANA time zone of the schedule (default: UTC)')
    .option('--after-load', 'also send it after each successful load (once per data version)', false)
    .option('--pdf', 'also attach one PDF of the whole report (every view\'s chart, table and definition) to each message', false)
    .addOption(stateOption())
    .action(async (options) => {
      await addReportCommand(options);
    });
  reports.command('list').description('List the reports with their schedule and last run.').addOption(stateOption()).action(listReportsCommand);
  reports.command('pause').description('Pause a report: the scheduler skips it until it is resumed.').argument('<id>', 'report id').addOption(stateOption()).action(pauseReportCommand);
  reports.command('resume').description('Resume a paused report from its next scheduled time.').argument('<id>', 'report id').addOption(stateOption()).action(resumeReportCommand);
  warehouseOptions(reports.command('preview').description('Render a report to one HTML file, without sending it.').argument('<id>', 'report id').requiredOption('--out <file>', 'HTML file to write'))
    .action(async (id, options) => {
      await previewReportCommand(id, options);
    });
  warehouseOptions(reports.command('run').description('Render a report and deliver it now: SMTP when POPSIGHT_SMTP_URL is set, else .eml files in $POPSIGHT_HOME/outbox/. While a server runs on the state store, the server sends it (with sign-in on, as the local command line through the runtime file of the server, or as the holder of $POPSIGHT_TOKEN).').argument('<id>', 'report id'))
    .action(async (id, options) => {
      await runReportCommand(id, options);
    });
}
