// The Costs and use page's sections: cost per member per month in total, by payer (with each payer's
// annual percent change) and by encounter class (core/measures/cost-classes.ts until the catalog lists
// the classes), the top 5%'s share of cost, ED visits and inpatient admissions per 1,000 member-years,
// each a yearly trend chart (core/charts/measure-trend-chart.ts). The page lays them out from here, and
// the server warms their views and draws their charts before its first visitor (server/measures/default-views.ts).
import type { Dimension, Filters } from '../api/api-types.ts';
import { COST_CLASSES, costTitle } from '../measures/cost-classes.ts';

export interface CostsSection {
  measure: string;
  heading: string;
  by?: Dimension;
  /** Show the annual percent change per stratum. */
  withTrend?: boolean;
}

/** The height of every section's chart, in CSS pixels. */
export const COSTS_CHART_HEIGHT = 240;

export const TOTAL_COST: CostsSection = { measure: 'cost-pmpm', heading: 'Total cost per member per month' };
export const COST_BY_PAYER: CostsSection = { measure: 'cost-pmpm', heading: 'Cost per member per month by payer', by: 'payer', withTrend: true };
export const TOP_COST_SHARE: CostsSection = { measure: 'top-5-percent-cost-share', heading: 'Share of cost spent on the costliest 5%' };
export const USE_SECTIONS: readonly CostsSection[] = [
  { measure: 'ed-visits-per-1000', heading: 'ED visits per 1,000 member-years', withTrend: true },
  { measure: 'inpatient-admissions-per-1000', heading: 'Inpatient admissions per 1,000 member-years', withTrend: true },
];

/** The cost classes' sections as the page shows them until the catalog lists the classes. */
export const EXPECTED_CLASSES: readonly CostsSection[] = COST_CLASSES.map(({ measure, label }) => ({ measure, heading: costTitle(label) }));

/** Every section the page shows under `filters` until the catalog arrives, in its order (by payer only while no payer is chosen). */
export const costsSections = (filters: Filters): CostsSection[] => [TOTAL_COST, ...(filters.payer ? [] : [COST_BY_PAYER]), ...EXPECTED_CLASSES, TOP_COST_SHARE, ...USE_SECTIONS];
