// The measure requests the dashboard's data pages make when opened with no parameters in their URL
// (Overview, Explore, Places, Costs and use), rendered into the response cache once a warehouse
// generation of 100,000 people or more is open (warehouse/start-up-warm-up.ts), after its facts: the first visitor of each page then
// waits for none of them. Only these default views, unrestricted, in JSON: any other view (another
// measure, stratifier, filter, window, a cohort) is computed when first asked for, as before.
import { findMeasure, MEASURES } from '../../core/measures/catalog.ts';
import { parseMeasureQuery } from '../../core/measures/parse-measure-query.ts';
import { coveredYears } from '../../core/measures/time-window.ts';
import type { Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { entityTag } from '../http/conditional-get.ts';
import type { MeasureView, MeasureViews } from './measure-views.ts';

export interface DefaultView {
  measure: string;
  by?: string;
  /** Its trend (APC) is asked for too. */
  trend?: boolean;
}

/** The first measure of the catalog: what Explore and Places show until one is chosen (client/src/lib/url-state). */
const FIRST = MEASURES[0]!.id;

/**
 * In the order the pages' first requests are warmed. Keep in step with the pages: the Overview's
 * featured tiles (client/src/overview/featured-measures.ts) and its county map, Places' map, Explore's
 * chart and trend, and the Costs and use sections (client/src/costs/Costs.svelte).
 */
export const DEFAULT_VIEWS: readonly DefaultView[] = [
  // Overview: the six featured tiles (the first also its trend chart) and the county map; Places' map.
  { measure: 'diabetes-prevalence' },
  { measure: 'hypertension-prevalence' },
  { measure: 'ed-visits-per-1000', trend: true },
  { measure: 'hba1c-control' },
  { measure: 'readmission-30-day' },
  { measure: 'cost-pmpm' },
  { measure: FIRST, by: 'county' },
  // Explore: the first measure's yearly rates and trend.
  { measure: FIRST, trend: true },
  // Costs and use: PMPM by payer with its trend, by encounter class, the top 5%'s share, use per 1,000.
  { measure: 'cost-pmpm', by: 'payer', trend: true },
  ...MEASURES.filter((m) => m.id.startsWith('cost-pmpm-')).map((m) => ({ measure: m.id })),
  { measure: 'top-5-percent-cost-share' },
  { measure: 'inpatient-admissions-per-1000', trend: true },
];

/**
 * Renders each default view (and trend) the cache does not hold yet, one after another so a visitor's
 * own requests are not starved; a request for a view being rendered shares its rows (measure-views.ts).
 * A view the catalog or the warehouse lacks is skipped; a failure stops nothing but that view.
 */
export async function warmDefaultViews(db: Database, views: MeasureViews, { exactCounts = false, defaults = DEFAULT_VIEWS }: { exactCounts?: boolean; defaults?: readonly DefaultView[] } = {}): Promise<number> {
  if (!views.cache.enabled) return 0;
  const { dataVersion, dateRange, loadedAt } = await warehouseMeta(db);
  const listed = await dimensionValues(db, { exactCounts });
  const covered = coveredYears(dateRange);
  const facts = { dataVersion, loadedAt, covered, listed };
  let rendered = 0;
  for (const { measure: id, by, trend } of defaults) {
    const measure = findMeasure(id);
    if (!measure) continue;
    try {
      const { adjustAge, cohortId, window, ...rest } = parseMeasureQuery(measure, { period: 'year', ...(by && { by }) }, listed, covered);
      const view: MeasureView = { adjustAge, cohortId, window, ...rest, query: rest, restrictionKey: '' };
      const table = entityTag(views.measureIdentity(view, dataVersion, 'json'));
      if (!views.cache.get(table)) views.cache.set(table, await views.renderMeasure(db, view, facts, 'json'));
      if (trend) {
        const trendTag = entityTag(views.trendIdentity(view, dataVersion));
        if (!views.cache.get(trendTag)) views.cache.set(trendTag, await views.renderTrend(db, view, facts));
      }
      rendered++;
    } catch {
      // A view this warehouse cannot answer (e.g. no such stratifier): its request will say why.
    }
  }
  return rendered;
}
