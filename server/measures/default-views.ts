// The measure requests the dashboard's data pages make when opened with no parameters in their URL
// (Overview, Explore, Places, Costs and use), rendered into the response cache once a warehouse
// generation is open (warehouse/start-up-warm-up.ts), after its facts: the first visitor of each page
// then waits for none of them. Only these default views, unrestricted, in JSON: any other view (another
// measure, stratifier, filter, window, a cohort) is computed when first asked for, as before. Their
// answers are handed on, so that the trend charts the pages draw of them can be drawn too
// (server/charts/default-charts.ts).
import { isTimePeriod, type MeasureResult } from '../../core/api/api-types.ts';
import { measureTrendChart } from '../../core/charts/measure-trend-chart.ts';
import type { TrendChart } from '../../core/charts/trend-chart.ts';
import { trendPanels } from '../../core/charts/trend-panels.ts';
import { findMeasure, MEASURES } from '../../core/measures/catalog.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { coveredYears } from '../../core/measures/time-window.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { entityTag } from '../http/conditional-get.ts';
import type { Representation } from '../http/representation.ts';
import { costsSections, COSTS_CHART_HEIGHT } from '../../core/pages/costs-sections.ts';
import { DEFAULT_MEASURE, FEATURED_MEASURES, OVERVIEW_TREND_HEIGHT } from '../../core/pages/featured-measures.ts';
import type { MeasureView, MeasureViews } from './measure-views.ts';

export interface DefaultView {
  measure: string;
  by?: string;
  /** Its trend (APC) is asked for too. */
  trend?: boolean;
  /** The trend chart a page draws of its answer, as the page builds it. */
  chart?: (answer: MeasureResult) => TrendChart | undefined;
}

/** A default view's answer, as its request gets it. */
export interface DefaultAnswer {
  view: DefaultView;
  answer: MeasureResult;
}

/** The first measure of the catalog: what Explore and Places show until one is chosen (client/src/lib/url-state). */
const FIRST = MEASURES[0]!.id;

/**
 * In the order the pages' first requests are warmed: the Overview's featured tiles
 * (core/pages/featured-measures.ts), the first one's trend chart, and its county map (Places' map too);
 * Explore's chart and trend; every Costs and use section (core/pages/costs-sections.ts), its chart and
 * its trend where the page shows one.
 */
export const DEFAULT_VIEWS: readonly DefaultView[] = [
  ...FEATURED_MEASURES.map((measure) => ({ measure, ...(measure === DEFAULT_MEASURE && { chart: (answer: MeasureResult) => measureTrendChart(answer, OVERVIEW_TREND_HEIGHT) }) })),
  { measure: FIRST, by: 'county' },
  { measure: FIRST, trend: true, chart: exploreChart },
  ...costsSections({}).map(({ measure, by, withTrend }) => ({ measure, ...(by && { by }), ...(withTrend && { trend: true }), chart: (answer: MeasureResult) => measureTrendChart(answer, COSTS_CHART_HEIGHT) })),
];

/** Explore's one chart of a view by no stratifier, crude rates (client/src/explore/Explore.svelte). */
function exploreChart(answer: MeasureResult): TrendChart | undefined {
  const { period, rows, measure } = answer;
  if (!isTimePeriod(period)) return undefined;
  return trendPanels({ rows, by: [], period, unit: measure.unit, unitLabel: measure.unitLabel, title: measure.title, adjusted: false })[0]?.chart;
}

/**
 * Renders each default view (and trend) the cache does not hold yet, one after another so a visitor's
 * own requests are not starved; a request for a view being rendered shares its rows (measure-views.ts).
 * A view the catalog or the warehouse lacks is skipped; a failure stops nothing but that view. Gives
 * each default view's answer, the body its request gets.
 */
export async function warmDefaultViews(db: Database, views: MeasureViews, { exactCounts = false, defaults = DEFAULT_VIEWS }: { exactCounts?: boolean; defaults?: readonly DefaultView[] } = {}): Promise<DefaultAnswer[]> {
  if (!views.cache.enabled) return [];
  const { dataVersion, dateRange, loadedAt } = await warehouseMeta(db);
  const listed = await dimensionValues(db, { exactCounts });
  const covered = coveredYears(dateRange);
  const facts = { dataVersion, loadedAt, covered, listed };
  const answers: DefaultAnswer[] = [];
  for (const defaultView of defaults) {
    const { measure: id, by, trend } = defaultView;
    const measure = findMeasure(id);
    if (!measure) continue;
    try {
      const { adjustAge, cohortId, window, ...rest } = parseMeasureQuery(measure, { period: 'year', ...(by && { by }) }, listed, covered);
      const view: MeasureView = { adjustAge, cohortId, window, ...rest, query: rest, restrictionKey: '' };
      const table = entityTag(views.measureIdentity(view, dataVersion, 'json'));
      let rendered: Representation | undefined = views.cache.get(table);
      if (!rendered) {
        rendered = await views.renderMeasure(db, view, facts, 'json');
        views.cache.set(table, rendered);
      }
      answers.push({ view: defaultView, answer: JSON.parse(rendered.body.toString('utf8')) as MeasureResult });
      if (trend) {
        const trendTag = entityTag(views.trendIdentity(view, dataVersion));
        if (!views.cache.get(trendTag)) views.cache.set(trendTag, await views.renderTrend(db, view, facts));
      }
    } catch {
      // A view this warehouse cannot answer (e.g. no such stratifier): its request will say why.
    }
  }
  return answers;
}
