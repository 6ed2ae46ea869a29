// Section 9, report e-mails (issue 19): the time to render each view of a six-view report, timed on
// every round as renderView's renderMs (server/reports/render-view.ts): from the view's validation to
// its finished parts, i.e. the measure query run uncached (no response cache in this path; DuckDB's
// buffers warm after the untimed first round) with disclosure control, the Vega-Lite spec compiled
// and drawn to SVG by Vega, the PNG drawn by resvg, the alt text, values table and CSV; not the
// e-mail's MIME assembly or its sending (those are in the delivery time). Each phase is kept too
// (median per view), so the cause of a slow view shows. Then the
// time to deliver that report to 100 recipients with different row restrictions through an SMTP
// server in this process (loopback), one message each, as the scheduler sends it: each recipient is
// an account limited to a county, an organization or a payer (or an admin reading every row), and the
// report is rendered once per distinct restriction. Targets: render p95 ≤ 250 ms per view,
// delivery ≤ 30 s.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { parseReportDefinition } from '../core/reports/report-definition.ts';
import type { ReportView } from '../core/reports/report-view.ts';
import type { Database } from '../core/warehouse/database.ts';
import { coveredYears } from '../core/measures/time-window.ts';
import { dimensionValues, warehouseMeta, type DimensionValues } from '../core/warehouse/warehouse-facts.ts';
import type { RowRule } from '../core/accounts/row-restriction.ts';
import { rowsByAccount } from '../core/reports/recipient-rows.ts';
import { runReport } from '../server/reports/deliver-report.ts';
import { smtpMailer } from '../server/reports/mailer.ts';
import { renderView, type RenderPhases } from '../server/reports/render-view.ts';
import { requireMeasure } from '../core/measures/catalog.ts';
import { cellsFor, measureCellCatalog } from '../core/measures/measure-cells.ts';
import { openReportStore } from '../server/state/report-store.ts';
import { openStateStore } from '../server/state/state-store.ts';
import type { BenchContext } from './context.ts';
import { summarize, type LatencySummary } from './stats.ts';

/** A Monday pack: prevalence, control, use and cost, by the dashboard's usual stratifiers. */
export const REPORT_VIEWS: Partial<ReportView>[] = [
  { measure: 'diabetes-prevalence', by: ['sex'], period: 'year' },
  { measure: 'hba1c-control', by: ['race'], period: 'year' },
  { measure: 'ed-visits-per-1000', by: ['payer'], period: 'year' },
  { measure: 'cost-pmpm', by: ['county'], period: 'year' },
  { measure: 'hypertension-prevalence', by: ['ageBand'], period: 'year' },
  { measure: 'inpatient-admissions-per-1000', by: [], period: 'quarter' },
];
export const RECIPIENTS = 100;
export const RENDER_METHOD =
  'A view\'s render time runs from its validation to its finished parts: the measure query, uncached (no response cache on this path), with disclosure control; ' +
  'the Vega-Lite spec compiled and drawn to SVG by Vega; the PNG drawn by resvg at twice the chart\'s size with the shipped font; the alt text, values table and CSV. ' +
  'It leaves out the e-mail\'s MIME assembly and sending, which the delivery time includes.';
const ROUNDS = 7;
/** The values of each dimension the recipients are limited to: a health system's sites, counties and payers. */
const VALUES_PER_DIMENSION = { county: 8, organization: 8, payer: 4 } as const;

/** Median ms of each phase of a view's render (render-view.ts RenderPhases), and where its numbers came from. */
export interface RenderPhaseMedians {
  queryMs: number;
  svgMs: number;
  pngMs: number;
  tableMs: number;
  /** `cells`: the pre-aggregated measure cells; `person rows`: the mart's rows of the view's period. */
  source: 'cells' | 'person rows';
}

export interface ReportsBench {
  rounds: number;
  /** What a view's render time counts (the method text). */
  method?: string;
  views: { id: string; render: LatencySummary; phases?: RenderPhaseMedians }[];
  /** The worst view's p95, ms. */
  worstRenderP95: number;
  delivery: {
    recipients: number;
    views: number;
    seconds: number;
    messages: number;
    bytesPerMessage: number;
    /** Distinct row restrictions among the recipients: the report is rendered once per restriction. */
    restrictions: number;
  };
}

/** Every row (an admin without a rule), then one county, organization or payer each, as the warehouse lists them. */
function benchRestrictions(listed: DimensionValues): (RowRule | null)[] {
  const limited = (Object.keys(VALUES_PER_DIMENSION) as (keyof typeof VALUES_PER_DIMENSION)[]).flatMap((dimension) =>
    listed[dimension].slice(0, VALUES_PER_DIMENSION[dimension]).map((value): RowRule => ({ limits: { [dimension]: [value] } })),
  );
  return [null, ...limited];
}

export async function benchReports(ctx: BenchContext, db: Database): Promise<ReportsBench> {
  const definition = parseReportDefinition({
    name: 'Bench pack',
    owner: 'bench',
    recipients: Array.from({ length: RECIPIENTS }, (_, i) => `reader${i + 1}@example.org`),
    views: REPORT_VIEWS,
  });
  const [listed, meta] = await Promise.all([dimensionValues(db), warehouseMeta(db)]);
  const context = { listed, covered: coveredYears(meta.dateRange), dataVersion: meta.dataVersion, dataAsOf: meta.loadedAt, exactCounts: false, baseUrl: 'http://127.0.0.1:3000/' };
  const samples = definition.views.map(() => [] as number[]);
  const phases = definition.views.map(() => [] as RenderPhases[]);
  // One untimed round warms DuckDB's buffers and the renderer; then every view is timed each round.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, view] of definition.views.entries()) {
      const rendered = await renderView(db, view, context);
      if (round > 0) {
        samples[i]!.push(rendered.renderMs);
        phases[i]!.push(rendered.phases);
      }
    }
  }
  const catalog = await measureCellCatalog(db);
  const views = definition.views.map((view, i) => {
    const median = (phase: keyof RenderPhases) => summarize(phases[i]!.map((p) => p[phase])).p50;
    const source = cellsFor({ measure: requireMeasure(view.measure), period: view.period, by: view.by, filters: {} }, catalog) ? 'cells' as const : 'person rows' as const;
    return {
      id: `${view.measure}${view.by.length ? ` by ${view.by.join(',')}` : ''} (${view.period})`,
      render: summarize(samples[i]!),
      phases: { queryMs: median('queryMs'), svgMs: median('svgMs'), pngMs: median('pngMs'), tableMs: median('tableMs'), source },
    };
  });
  ctx.log(`reports: render p95 per view ${views.map((v) => v.render.p95.toFixed(0)).join(', ')} ms`);
  ctx.log(`reports: median query / SVG / PNG / table ms per view ${views.map((v) => `${v.phases.queryMs.toFixed(0)}/${v.phases.svgMs.toFixed(0)}/${v.phases.pngMs.toFixed(0)}/${v.phases.tableMs.toFixed(0)} (${v.phases.source})`).join(', ')}`);

  const received = { messages: 0, bytes: 0 };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
      stream.on('end', () => {
        received.messages++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, '127.0.0.1', () => resolve());
  });
  const home = mkdtempSync(join(tmpdir(), 'popsight-bench-reports-'));
  const clock = () => new Date();
  const state = await openStateStore(join(home, 'state'), { clock, newId: randomUUID });
  const store = await openReportStore(state, { clock, newId: randomUUID });
  const mailer = smtpMailer(`smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`);
  try {
    // One account per recipient (no password: nobody signs in here), the restrictions dealt in turn.
    const restrictions = benchRestrictions(listed);
    for (const [i, recipient] of definition.recipients.entries()) {
      const restriction = restrictions[i % restrictions.length]!;
      await state.accounts.users.add({ name: recipient, role: restriction ? 'viewer' : 'admin', passwordHash: 'no-sign-in', createdAt: clock().toISOString(), restriction });
    }
    const report = await store.save(definition);
    const started = performance.now();
    const result = await runReport(db, report, { baseUrl: context.baseUrl }, { store, mailer, from: 'Popsight <popsight@localhost>', log: ctx.log, recipientRows: rowsByAccount(state.accounts.users) });
    const seconds = (performance.now() - started) / 1000;
    if (result.run.status !== 'sent') throw new Error(`the bench report was ${result.run.status}: ${result.run.error ?? result.deliveries.find((d) => d.status !== 'sent')?.detail}`);
    ctx.log(`reports: ${RECIPIENTS} recipients under ${result.renderings.length} restrictions × ${definition.views.length} views delivered in ${seconds.toFixed(1)} s`);
    return {
      rounds: ROUNDS,
      method: RENDER_METHOD,
      views,
      worstRenderP95: Math.max(...views.map((v) => v.render.p95)),
      delivery: { recipients: RECIPIENTS, views: definition.views.length, seconds, messages: received.messages, bytesPerMessage: received.bytes / Math.max(1, received.messages), restrictions: result.renderings.length },
    };
  } finally {
    mailer.close();
    await store.close();
    await state.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    rmSync(home, { recursive: true, force: true });
  }
}
