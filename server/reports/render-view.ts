// One view of a report, rendered: the measure run through the same engine and disclosure control as
// GET /api/measures/:id (parseMeasureQuery, runMeasure with the listed dimension values, perturbed
// counts unless the exact-counts setting is on), the disclosed table the API serializes, the trend
// spec the dashboard draws, its SVG and PNG, the alt text, the values table and the CSV attachment.
import type { MeasureRow } from '../../core/api/api-types.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import type { TopLevelSpec } from 'vega-lite';
import { buildTrendSpec, type TrendSpecInput } from '../../core/charts/build-trend-spec.ts';
import { describeMeasure, requireMeasure } from '../../core/measures/catalog.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { exportColumns } from '../../core/measures/export-description.ts';
import { yearsShown, type TimeWindow } from '../../core/measures/time-window.ts';
import type { RowLimits } from '../../core/accounts/row-restriction.ts';
import { filterOutside } from '../../core/reports/recipient-rows.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import { liveViewLink, measureApiParameters, type ReportView } from '../../core/reports/report-view.ts';
import { altText, valuesTable, type ValuesTable } from '../../core/reports/view-summary.ts';
import type { Database } from '../../core/warehouse/database.ts';
import type { DimensionValues } from '../../core/warehouse/warehouse-facts.ts';
import { toCsv } from '../http/csv-format.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { renderChart, type RenderedChart } from './render-chart.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);
/** The chart's size in an e-mail: the dashboard's height, a fixed width that fits a mail reader. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;
/**
 * The dashboard's spec with more room above: Vega places the title by an estimate of its height
 * (no canvas in Node to measure it), which lets its top touch the edge of the image.
 */
const EMAIL_PADDING = { top: 12, right: 8, bottom: 8, left: 8 };

/** The dashboard's trend spec (build-trend-spec.ts) at the e-mail's size, titled, with room above. */
export function emailChartSpec(input: Omit<TrendSpecInput, 'width' | 'height'>): TopLevelSpec {
  return { ...buildTrendSpec({ ...input, width: CHART_WIDTH, height: CHART_HEIGHT }), padding: EMAIL_PADDING };
}

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
  /** Milliseconds from query to PNG. */
  renderMs: number;
  /**
   * Set when the view is filtered outside the recipients' restriction (the API would answer 403):
   * why it is left out. Such a view has no chart, row, table or CSV.
   */
  withheld?: string;
}

export async function renderView(db: Database, view: ReportView, context: ViewContext): Promise<RenderedView> {
  const started = performance.now();
  const measure = requireMeasure(view.measure);
  const outside = filterOutside(view.filters, context.restriction);
  if (outside) return withheldView(view, measure, context, reportMessages.viewOutsideRows(outside.dimension), started);
  // The API's own validation: a filter value the warehouse does not list is refused here as there.
  const { adjustAge, cohortId: _none, window: _all, ...query } = parseMeasureQuery(measure, measureApiParameters(view), context.listed, context.covered);
  const measured = await runMeasure(db, { ...query, restriction: context.restriction }, { adjustAge, exactCounts: context.exactCounts, listed: context.listed });
  const table = disclosedTable(measured, { keys: ['period', ...query.by], ...MEASURE_ROW_SHAPE });
  const rows = table.rows as unknown as MeasureRow[];
  const described = describeMeasure(measure);
  const summary = { title: measure.title, rows, period: view.period, by: view.by, unit: measure.unit, unitLabel: described.unitLabel };
  const chart = await renderChart(emailChartSpec({ ...summary, title: measure.title }));
  const csvFilename = `${measure.id}-${view.period}${view.by ? `-by-${view.by}` : ''}.csv`;
  return {
    ...chart,
    view,
    measure: described,
    rows,
    altText: altText(summary),
    table: valuesTable(summary),
    csv: toCsv(table, { filename: csvFilename, constants: csvConstants(query, adjustAge, context) }).body,
    csvFilename,
    link: liveViewLink(context.baseUrl, view),
    renderMs: performance.now() - started,
  };
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
    withheld: reason,
  };
}

/** The constant columns of the API's CSV for the same view (a report view has no cohort and no window). */
function csvConstants(query: { measure: Parameters<typeof exportColumns>[0]['measure']; period: Parameters<typeof yearsShown>[0]; by: readonly string[]; filters: Readonly<Record<string, string>> }, adjustAge: boolean, context: ViewContext) {
  return exportColumns({
    measure: query.measure,
    period: query.period,
    by: query.by,
    filters: query.filters,
    adjustAge,
    ...yearsShown(query.period, undefined, context.covered),
    disclosure: context.exactCounts ? 'exact' : 'perturbed',
    dataVersion: context.dataVersion,
    dataAsOf: context.dataAsOf,
  });
}
