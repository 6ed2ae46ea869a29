// The Costs and use page's sections whose measures the page names itself (the classes of cost per member
// per month are those the catalog lists, core/measures/cost-classes.ts until it arrives), and the
// request every section makes.
import type { Dimension, Filters } from '../../../core/api/api-types.ts';
import type { ViewQuery } from '../lib/api.ts';

export interface CostsSection {
  measure: string;
  heading: string;
  by?: Dimension;
  /** Show the annual percent change per stratum. */
  withTrend?: boolean;
}

export const TOTAL_COST: CostsSection = { measure: 'cost-pmpm', heading: 'Total cost per member per month' };
export const COST_BY_PAYER: CostsSection = { measure: 'cost-pmpm', heading: 'Cost per member per month by payer', by: 'payer', withTrend: true };
export const TOP_COST_SHARE: CostsSection = { measure: 'top-5-percent-cost-share', heading: 'Share of cost spent on the costliest 5%' };
export const USE_SECTIONS: readonly CostsSection[] = [
  { measure: 'ed-visits-per-1000', heading: 'ED visits per 1,000 member-years', withTrend: true },
  { measure: 'inpatient-admissions-per-1000', heading: 'Inpatient admissions per 1,000 member-years', withTrend: true },
];

/** A section's request: yearly, by its stratifier (whose filter is dropped: every stratum shows) or in total, under the page's filters. */
export function sectionQuery(by: Dimension | null, filters: Filters): ViewQuery {
  return { period: 'year', by: by ? [by] : [], filters: by ? { ...filters, [by]: undefined } : filters };
}
