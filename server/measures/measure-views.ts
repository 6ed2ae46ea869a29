// One measure view (a measure, its validated query, adjustment and window) as the API answers it: the
// identity its cached response is kept under, its rows (computed once while the table and its trend
// both wait for them), and its two representations, the measure table and the trend. The routes and
// the start-up warm-up of the dashboard's default views (default-views.ts) render through the same
// functions, so a warmed response is byte for byte the one a request would compute. Never HTTP here.
import type { MeasureQuery } from '../../core/measures/build-measure-sql.ts';
import { countCells } from '../../core/audit/audit-record.ts';
import { describeMeasure } from '../../core/measures/catalog.ts';
import { exportColumns, exportFilename, type ExportView } from '../../core/measures/export-description.ts';
import { trendsByStratum } from '../../core/measures/measure-trend.ts';
import type { ParsedMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { runMeasure, type MeasureRow } from '../../core/measures/run-measure.ts';
import { withinWindow, yearsShown, type TimeWindow } from '../../core/measures/time-window.ts';
import type { Database } from '../../core/warehouse/database.ts';
import type { DimensionValues } from '../../core/warehouse/warehouse-facts.ts';
import { measureRowSchema } from '../../core/api/api-schemas.ts';
import { canonicalQuery, type CountedRepresentation, type ResponseIdentity } from '../http/conditional-get.ts';
import { disclosedTable, rowShapeOf } from '../http/disclosed-table.ts';
import { toJson } from '../http/json-format.ts';
import { renderTable, type TableFormat } from '../http/negotiate.ts';
import { ResponseCache } from '../http/response-cache.ts';

const MEASURE_ROW_SHAPE = rowShapeOf(measureRowSchema);
/** The trend's entity tags hash this instead of a table format: a trend is never a measure table. */
export const TREND_FORMAT = 'trend+json';
export const TREND_METHOD = 'Annual percent change from a least-squares fit of ln(rate) on year (SEER/Joinpoint APC, one segment) over the years from–to, 95% CI from the t distribution; suppressed years are left out; with adjust=age, of the age-adjusted rates.';

/** A validated measure request: parseMeasureQuery's answer with the cohort's members and the caller's row restriction. */
export interface MeasureView extends Omit<ParsedMeasureQuery, 'cohort'> {
  query: MeasureQuery;
  /** '' for a caller who reads every row. */
  restrictionKey: string;
}

/** What every view of one warehouse generation is rendered with. */
export interface ViewFacts {
  dataVersion: string;
  loadedAt: string;
  covered: TimeWindow;
  listed: DimensionValues;
}

export interface MeasureViews {
  cache: ResponseCache;
  measureIdentity(view: MeasureView, dataVersion: string, format: TableFormat): ResponseIdentity;
  trendIdentity(view: MeasureView, dataVersion: string): ResponseIdentity;
  renderMeasure(db: Database, view: MeasureView, facts: ViewFacts, format: TableFormat): Promise<CountedRepresentation>;
  renderTrend(db: Database, view: MeasureView, facts: ViewFacts): Promise<CountedRepresentation>;
}

export function measureViews({ cache = new ResponseCache(), exactCounts = false }: { cache?: ResponseCache; exactCounts?: boolean } = {}): MeasureViews {
  const disclosure = exactCounts ? 'exact' : 'perturbed';
  // A view's yearly table and its trend are asked for together (Explore, Costs): they share one run.
  // Only while it runs: the finished answers are kept as responses, in the cache.
  const running = new Map<string, Promise<MeasureRow[]>>();
  const rowsOf = (db: Database, view: MeasureView, facts: ViewFacts): Promise<MeasureRow[]> => {
    const key = view.cohortId === undefined ? `${facts.dataVersion} ${rowsQuery(view)}` : undefined;
    const shared = key === undefined ? undefined : running.get(key);
    if (shared) return shared;
    const rows = runMeasure(db, view.query, { adjustAge: view.adjustAge, exactCounts, listed: facts.listed });
    if (key !== undefined) {
      running.set(key, rows);
      void rows.catch(() => undefined).finally(() => running.delete(key));
    }
    return rows;
  };
  return {
    cache,
    measureIdentity: (view, dataVersion, format) => ({ dataVersion, query: canonicalQuery({ ...viewParameters(view), period: view.query.period }), format }),
    trendIdentity: (view, dataVersion) => ({ dataVersion, query: canonicalQuery(viewParameters(view)), format: TREND_FORMAT }),
    async renderMeasure(db, view, facts, format) {
      const { measure, period, by, filters } = view.query;
      // runMeasure returns rows after disclosure control; nothing is rendered before that.
      // A window keeps a slice of the rows: the same cells as without it (time-window.ts).
      const rows = withinWindow(await rowsOf(db, view, facts), view.window);
      const years = yearsShown(period, view.window, facts.covered);
      const envelope = { measure: describeMeasure(measure), dataVersion: facts.dataVersion, dataAsOf: facts.loadedAt, period, ...years, by: by.length ? by.join(',') : null, filters, adjust: view.adjustAge ? 'age' : null, disclosure };
      const table = disclosedTable(rows, { keys: ['period', ...by], ...MEASURE_ROW_SHAPE });
      const exportView: ExportView = { measure, period, by, filters, cohortId: view.cohortId, adjustAge: view.adjustAge, ...years, disclosure, dataVersion: facts.dataVersion, dataAsOf: facts.loadedAt };
      return { ...renderTable(format, { table, envelope, filename: exportFilename(exportView), csvConstants: exportColumns(exportView) }), cells: countCells(rows) };
    },
    async renderTrend(db, view, facts) {
      const { measure, by, filters } = view.query;
      // The APC is fitted to the window's years only.
      const rows = withinWindow(await rowsOf(db, view, facts), view.window);
      const trends = trendsByStratum(rows, by, view.adjustAge ? 'adjustedRate' : 'rate');
      const body = { measure: describeMeasure(measure), dataVersion: facts.dataVersion, dataAsOf: facts.loadedAt, ...yearsShown('year', view.window, facts.covered), by: by.join(',') || null, filters, adjust: view.adjustAge ? 'age' : null, disclosure, method: TREND_METHOD, trends };
      return { ...toJson(body), cells: countCells(rows) };
    },
  };
}

/** What a view's response depends on besides the period: measure, strata, adjustment, cohort, restriction, window, filters. */
function viewParameters({ query, adjustAge, cohortId, restrictionKey, window }: MeasureView): Record<string, string | readonly string[] | undefined> {
  return {
    measure: query.measure.id, by: query.by, adjust: adjustAge ? 'age' : undefined, cohort: cohortId, restriction: restrictionKey || undefined,
    from: window && String(window.from), to: window && String(window.to), ...query.filters,
  };
}

/** What the rows depend on: the window only slices them afterwards, so it is left out. */
function rowsQuery(view: MeasureView): string {
  return canonicalQuery({ ...viewParameters({ ...view, window: undefined }), period: view.query.period });
}
