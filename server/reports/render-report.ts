// A whole report rendered once for one row restriction, without sending: every view (render-view.ts)
// on one warehouse generation, the e-mail's HTML and text, the inline PNGs, one CSV per view and,
// when the report asks for it, one PDF of the whole report (report-pdf.ts) from the same PNGs and tables.
// The restriction narrows every number as the API narrows a caller's (deliver-report.ts renders once
// per distinct restriction of the recipients).
import { coveredYears } from '../../core/measures/time-window.ts';
import { describeLimits, type RowLimits } from '../../core/accounts/row-restriction.ts';
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { reportEmail } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { reportPdf } from '../../core/reports/report-pdf.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { withInlineImages, type MailAttachment } from './mailer.ts';
import { pdfFonts } from './render-chart.ts';
import { drawView, measureView, type RenderedView, type ViewCohort } from './render-view.ts';

export interface RenderOptions {
  /** Where the dashboard is served, for the links back to the live views. */
  baseUrl: string;
  /** Exact counts (a trusted environment's setting); perturbed counts otherwise, as the API. */
  exactCounts?: boolean;
}

export interface RenderedReport {
  /** The row restriction it was rendered under; undefined: every row. */
  restriction?: RowLimits;
  views: RenderedView[];
  dataVersion: string;
  loadedAt: string;
  subject: string;
  html: string;
  text: string;
  /** The inline chart images, then one CSV per view, then the PDF when the report has `pdf: true`. */
  attachments: MailAttachment[];
  /** Milliseconds spent making the PDF; null without one. */
  pdfMs: number | null;
}

/** `2025-06-01 12:00 UTC` from the load's timestamp (kept as given when it is not one). */
function loadDate(loadedAt: string): string {
  const time = new Date(loadedAt);
  return Number.isNaN(time.getTime()) ? loadedAt : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const imageCid = (index: number) => `view-${index + 1}@popsight`;

export async function renderReport(db: Database, report: SavedReport, options: RenderOptions & { restriction?: RowLimits; cohort?: ViewCohort }): Promise<RenderedReport> {
  const exactCounts = options.exactCounts === true;
  const { restriction } = options;
  // As GET /api/measures/:id: the load's facts unrestricted, the listed values under the restriction.
  const [meta, listed] = await Promise.all([warehouseMeta(db, { exactCounts }), dimensionValues(db, { exactCounts, restriction })]);
  const context = { listed, restriction, covered: coveredYears(meta.dateRange), dataVersion: meta.dataVersion, dataAsOf: meta.loadedAt, exactCounts, baseUrl: options.baseUrl, cohort: options.cohort };
  // Every view's query is started at once, and each view is drawn as its rows arrive, in order:
  // DuckDB answers on its own threads while this one draws the charts (Vega, resvg).
  const measuring = report.views.map((view) => measureView(db, view, context));
  for (const pending of measuring) pending.catch(() => undefined); // awaited below, in order; a failure fails the rendering
  const views: RenderedView[] = [];
  for (const pending of measuring) views.push(await drawView(await pending, context));
  const loadedAt = loadDate(String(meta.loadedAt));
  const email = reportEmail({
    reportName: report.name,
    dataAsOf: loadedAt,
    perturbed: !exactCounts,
    views: views.map((rendered, i) => ({
      title: rendered.measure.title,
      definition: rendered.measure.description,
      source: rendered.measure.source,
      altText: rendered.altText,
      imageCid: imageCid(i),
      width: rendered.width,
      height: rendered.height,
      table: rendered.table,
      link: rendered.link,
      csvFilename: rendered.csvFilename,
      withheld: rendered.withheld,
    })),
  });
  const shown = views.map((rendered, i) => ({ rendered, i })).filter(({ rendered }) => !rendered.withheld);
  const images = shown.map(({ rendered, i }): MailAttachment => ({ filename: `chart-${i + 1}.png`, content: rendered.png, contentType: 'image/png', cid: imageCid(i) }));
  const csvs = shown.map(({ rendered }): MailAttachment => ({ filename: rendered.csvFilename, content: rendered.csv, contentType: 'text/csv; charset=utf-8' }));
  const pdf = report.pdf ? await timedPdf(report, views, { loadedAt, perturbed: !exactCounts, restriction }) : null;
  return {
    ...(restriction ? { restriction } : {}),
    views, dataVersion: meta.dataVersion, loadedAt, ...email,
    attachments: [...images, ...csvs, ...(pdf ? [pdf.attachment] : [])],
    pdfMs: pdf?.ms ?? null,
  };
}

/** `monday-pack.pdf` from the report's name. */
const pdfFilename = (name: string): string => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'report'}.pdf`;

/**
 * The report's PDF for this rendering: the same PNGs, tables and texts as the e-mail, under the same
 * restriction. Made once per rendering and attached to each of its recipients' messages.
 */
async function timedPdf(report: SavedReport, views: readonly RenderedView[], context: { loadedAt: string; perturbed: boolean; restriction?: RowLimits }): Promise<{ attachment: MailAttachment; ms: number }> {
  const started = performance.now();
  const bytes = await reportPdf({
    reportName: report.name,
    dataAsOf: context.loadedAt,
    perturbed: context.perturbed,
    rows: reportMessages.pdfRows(context.restriction ? describeLimits(context.restriction) : null),
    views: views.map((rendered) => ({
      title: rendered.measure.title,
      definition: rendered.measure.description,
      source: rendered.measure.source,
      ...(rendered.withheld ? { withheld: rendered.withheld } : { chart: { png: rendered.png, width: rendered.width, height: rendered.height } }),
      table: rendered.table,
      link: rendered.link,
    })),
  }, pdfFonts());
  return { attachment: { filename: pdfFilename(report.name), content: Buffer.from(bytes), contentType: 'application/pdf' }, ms: performance.now() - started };
}

/** The e-mail as one HTML page for a browser: the inline images as data: URLs instead of cid: references. */
export const previewHtml = (rendered: RenderedReport): string => withInlineImages(rendered.html, rendered.attachments);
