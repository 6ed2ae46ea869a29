// One view of a report, rendered: the measure run through the same engine and disclosure control as
// GET /api/measures/:id (parseMeasureQuery, runMeasure with the listed dimension values, perturbed
// counts unless the exact-counts setting is on, a saved cohort admitted by its ledger, a year window
// kept as a slice of the rows), the disclosed table the API serializes, the trend spec the dashboard
// draws (one panel per value of the first of two stratifiers, as Explore draws them), its SVG and
// PNG, the alt text, the values table and the CSV attachment.
import type { MeasureRow } from '../../core/api/api-types.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import type { TopLevelSpec } from 'vega-lite';
import { buildTrendSpec, type TrendSpecInput } from '../../core/charts/build-trend-spec.ts';
import { CHART_CONFIG } from '../../core/charts/chart-theme.ts';
import { dimensionLabels, valueLabel } from '../../core/charts/labels.ts';
import type { Dimension } from '../../core/measures/dimensions.ts';
import type { CohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import { DomainError } from '../../core/errors.ts';
import { describeMeasure, requireMeasure } from '../../core/measures/catalog.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { exportColumns } from '../../core/measures/export-description.ts';
import { withinWindow, yearsShown, type TimeWindow } from '../../core/measures/time-window.ts';
import type { RowLimits } from '../../core/accounts/row-restriction.ts';
import { filterOutside } from '../../core/reports/recipient-rows.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { liveViewLink, measureApiParameters, type ReportView } from '../../core/reports/report-view.ts';
import { altText, valuesTable, type ValuesTable } from '../../core/reports/view-summary.ts';
import type { Database } from '../../core/warehouse/database.ts';
import type { DimensionValues } from '../../core/warehouse/warehouse-facts.ts';
import { toCsv } from '../http/csv-format.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { renderSvg, svgToPng, type RenderedChart } from './render-chart.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);
/** The chart's size in an e-mail: the dashboard's height, a fixed width that fits a mail reader. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
/**
 * The dashboard's spec with more room above: Vega places the title by an estimate of its height
 * (no canvas in Node to measure it), which lets its top touch the edge of the image.
 */
const EMAIL_PADDING = { top: 12, right: 8, bottom: 8, left: 8 };

/** The height of each panel of a view with two stratifiers (Explore's small multiples are 200 high at any width). */
export const PANEL_HEIGHT = 160;

export type EmailChartInput = Omit<TrendSpecInput, 'width' | 'height' | 'by' | 'title'> & { title: string; by: readonly Dimension[] };

/**
 * The dashboard's trend spec (build-trend-spec.ts) at the e-mail's size, titled, with room above.
 * With two stratifiers, as Explore (client/src/explore/trend-panels.ts): one panel per value of the
 * first, each stratified by the second, stacked in one image.
 */
export function emailChartSpec(input: EmailChartInput): TopLevelSpec {
  const [outer, inner] = input.by;
  if (!outer || !inner) return { ...buildTrendSpec({ ...input, by: outer ?? null, width: CHART_WIDTH, height: CHART_HEIGHT }), padding: EMAIL_PADDING };
  const groups = new Map<string, typeof input.rows[number][]>();
  for (const row of input.rows) {
    const value = String(row[outer] ?? '');
    groups.set(value, [...(groups.get(value) ?? []), row]);
  }
  const panels = [...groups].map(([value, rows]) => {
    const { $schema: _schema, config: _config, autosize: _autosize, ...panel } = buildTrendSpec({
      ...input, rows, by: inner, width: CHART_WIDTH, height: PANEL_HEIGHT, title: `${input.title}: ${dimensionLabels[outer]} ${valueLabel(outer, value)}`,
    }) as TopLevelSpec & { $schema?: string; config?: unknown; autosize?: unknown };
    return panel;
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    vconcat: panels,
    spacing: 24,
    // Each panel is its own chart, as on the dashboard: its own value axis, colours and legend.
    resolve: { scale: { y: 'independent', color: 'independent' }, legend: { color: 'independent' } },
    padding: EMAIL_PADDING,
    config: CHART_CONFIG,
  } as TopLevelSpec;
}

/** A saved cohort's members for a view, admitted for the recipients (deliver-report.ts), or why the view is left out. */
export type ViewCohort = (id: string) => Promise<CohortSql | { withheld: string }>;

export interface ViewContext {
  /** The values each dimension lists (dimensionValues(db) under `restriction`), exactly as the API uses them. */
  listed: DimensionValues;
  /** The recipients' row restriction, applied as the API applies a caller's; undefined: every row. */
  restriction?: RowLimits;
  /** The years the warehouse covers (coveredYears of /api/meta's date range). */
  covered: TimeWindow;
  /** The warehouse's data version and load time (/api/meta), written into each CSV as the API writes them. */
  dataVersion: string;
  dataAsOf: string;
  exactCounts: boolean;
  /** Where the dashboard is served, for the link back to the live view. */
  baseUrl: string;
  /** The members of a view's cohort for these recipients; without it, a view with a cohort is left out. */
  cohort?: ViewCohort;
}

/** Where a view's render time goes (ms), for the bench: each phase as renderMs counts it. */
export interface RenderPhases {
  /** Validation, the measure query and disclosure control (runMeasure), the window's slice. */
  queryMs: number;
  /** The Vega-Lite spec compiled and drawn to SVG by Vega. */
  svgMs: number;
  /** resvg: the SVG to a PNG. */
  pngMs: number;
  /** The disclosed table, alt text, values table and CSV. */
  tableMs: number;
}

export interface RenderedView extends RenderedChart {
  view: ReportView;
  measure: ReturnType<typeof describeMeasure>;
  /** The rows after disclosure control, as the API's JSON has them. */
  rows: MeasureRow[];
  altText: string;
  table: ValuesTable;
  csv: Buffer;
  csvFilename: string;
  link: string;
  /** Milliseconds from the view's validation to its PNG, alt text, table and CSV: the sum of `phases` and the glue between them. */
  renderMs: number;
  phases: RenderPhases;
  /**
   * Set when the view is filtered outside the recipients' restriction (the API would answer 403):
   * why it is left out. Such a view has no chart, row, table or CSV.
   */
  withheld?: string;
}

/** A view measured (the query phase) and not yet drawn; or left out, with why. */
export type MeasuredView =
  | { kind: 'withheld'; rendered: RenderedView }
  | {
      kind: 'measured';
      view: ReportView;
      measure: ReturnType<typeof requireMeasure>;
      query: Omit<ReturnType<typeof parseMeasureQuery>, 'adjustAge' | 'cohortId' | 'window'>;
      parameters: { adjustAge: boolean; cohortId: string | undefined; window: TimeWindow | undefined };
      rows: Parameters<typeof disclosedTable>[0];
      queryMs: number;
    };

/** One view, measured then drawn: renderMs is its query time plus its drawing time. */
export async function renderView(db: Database, view: ReportView, context: ViewContext): Promise<RenderedView> {
  return drawView(await measureView(db, view, context), context);
}

/** The query phase: validation as the API's, the cohort's admission, the measure and its disclosure control, the window's slice. */
export async function measureView(db: Database, view: ReportView, context: ViewContext): Promise<MeasuredView> {
  const started = performance.now();
  const measure = requireMeasure(view.measure);
  const withheld = (reason: string): MeasuredView => ({ kind: 'withheld', rendered: withheldView(view, measure, context, reason, started) });
  const outside = filterOutside(view.filters, context.restriction);
  if (outside) return withheld(reportMessages.viewOutsideRows(outside.dimension));
  // The API's own validation: a filter value the warehouse does not list is refused here as there.
  let parsed: ReturnType<typeof parseMeasureQuery>;
  try {
    parsed = parseMeasureQuery(measure, measureApiParameters(view), context.listed, context.covered);
  } catch (error) {
    // Years that a later load no longer covers leave the view out; anything else is the report's fault.
    const parameter = error instanceof DomainError ? (error.details as { parameter?: string } | undefined)?.parameter : undefined;
    if (parameter === 'from' || parameter === 'to') return withheld(reportMessages.viewWindowOutsideData(context.covered.from, context.covered.to));
    throw error;
  }
  const { adjustAge, cohortId, window, ...query } = parsed;
  let cohort: CohortSql | undefined;
  if (cohortId !== undefined) {
    const members = context.cohort ? await context.cohort(cohortId) : { withheld: reportMessages.cohortsUnavailable() };
    if ('withheld' in members) return withheld(members.withheld);
    cohort = members;
  }
  // A window keeps a slice of the rows, as the API does (time-window.ts).
  const rows = withinWindow(await runMeasure(db, { ...query, cohort, restriction: context.restriction }, { adjustAge, exactCounts: context.exactCounts, listed: context.listed }), window);
  return { kind: 'measured', view, measure, query, parameters: { adjustAge, cohortId, window }, rows, queryMs: performance.now() - started };
}

/** The drawing phase: the disclosed table, the chart to SVG and PNG, the alt text, values table and CSV. */
export async function drawView(measured: MeasuredView, context: ViewContext): Promise<RenderedView> {
  if (measured.kind === 'withheld') return measured.rendered;
  const { view, measure, query, parameters } = measured;
  const started = performance.now();
  const table = disclosedTable(measured.rows, { keys: ['period', ...query.by], ...MEASURE_ROW_SHAPE });
  const rows = table.rows as unknown as MeasureRow[];
  const described = describeMeasure(measure);
  const summary = { title: measure.title, rows, period: view.period, by: query.by, unit: measure.unit, unitLabel: described.unitLabel };
  const tabled = performance.now();
  const { svg, svgMs } = await timedSvg(emailChartSpec({ ...summary, adjust: view.adjust }));
  const drawn = performance.now();
  const png = svgToPng(svg);
  const pictured = performance.now();
  const csvFilename = viewCsvFilename(view);
  const csv = toCsv(table, { filename: csvFilename, constants: csvConstants(query, parameters, context) }).body;
  const rendered = { altText: altText(summary), table: valuesTable(summary) };
  const ended = performance.now();
  return {
    svg,
    ...png,
    view,
    measure: described,
    rows,
    ...rendered,
    csv,
    csvFilename,
    link: liveViewLink(context.baseUrl, view),
    renderMs: measured.queryMs + (ended - started),
    phases: { queryMs: measured.queryMs, svgMs, pngMs: pictured - drawn, tableMs: tabled - started + (ended - pictured) },
  };
}

async function timedSvg(spec: TopLevelSpec): Promise<{ svg: string; svgMs: number }> {
  const started = performance.now();
  const svg = await renderSvg(spec);
  return { svg, svgMs: performance.now() - started };
}

/** `hba1c-control-year-by-county-race-cohort-abc-2019-2024.csv`: tells a report's views apart. */
function viewCsvFilename(view: ReportView): string {
  const slug = (text: string) => text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
  return [
    view.measure,
    view.period,
    ...(view.by.length ? [`by-${view.by.join('-')}`] : []),
    ...(view.cohort ? [`cohort-${slug(view.cohort)}`] : []),
    ...(view.from !== null || view.to !== null ? [`${view.from ?? 'first'}-${view.to ?? 'last'}`] : []),
  ].join('-') + '.csv';
}

function withheldView(view: ReportView, measure: ReturnType<typeof requireMeasure>, context: ViewContext, reason: string, started: number): RenderedView {
  return {
    svg: '', png: Buffer.alloc(0), width: 0, height: 0,
    view,
    measure: describeMeasure(measure),
    rows: [],
    altText: reason,
    table: { headers: [], rows: [], note: null },
    csv: Buffer.alloc(0),
    csvFilename: '',
    link: liveViewLink(context.baseUrl, view),
    renderMs: performance.now() - started,
    phases: { queryMs: 0, svgMs: 0, pngMs: 0, tableMs: 0 },
    withheld: reason,
  };
}

/** The constant columns of the API's CSV for the same view (its cohort and window included). */
function csvConstants(
  query: { measure: Parameters<typeof exportColumns>[0]['measure']; period: Parameters<typeof yearsShown>[0]; by: readonly string[]; filters: Readonly<Record<string, string>> },
  view: { adjustAge: boolean; cohortId: string | undefined; window: TimeWindow | undefined },
  context: ViewContext,
) {
  return exportColumns({
    measure: query.measure,
    period: query.period,
    by: query.by,
    filters: query.filters,
    cohortId: view.cohortId,
    adjustAge: view.adjustAge,
    ...yearsShown(query.period, view.window, context.covered),
    disclosure: context.exactCounts ? 'exact' : 'perturbed',
    dataVersion: context.dataVersion,
    dataAsOf: context.dataAsOf,
  });
}
