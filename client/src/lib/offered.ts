// What this dashboard offers of the API: every dimension the API has, in display order, and the
// periods a chart can be drawn by. A measure's own periods come from the catalog when it lists them.
import { DIMENSIONS, type Dimension, type MeasureInfo, type Period } from '../../../core/api/api-types.ts';

const DISPLAY_ORDER: readonly Dimension[] = ['sex', 'ageBand', 'stdAgeGroup', 'race', 'ethnicity', 'payer', 'county', 'zip3', 'organization'];

/** The API's dimensions, the familiar ones first; a dimension the API adds later comes last. */
export const OFFERED_DIMENSIONS: readonly Dimension[] = [
  ...DISPLAY_ORDER.filter((dimension) => DIMENSIONS.includes(dimension)),
  ...DIMENSIONS.filter((dimension) => !DISPLAY_ORDER.includes(dimension)),
];

export const OFFERED_PERIODS = ['year', 'quarter', 'month', 'all'] as const satisfies readonly Period[];

/** The periods a measure is defined for: the catalog's `periods` when it has them, else year only
 * (an annual measure read by month or quarter silently changes meaning: issue 17). */
export function periodsOf(measure: MeasureInfo | undefined): Period[] {
  const listed = (measure as (MeasureInfo & { periods?: unknown }) | undefined)?.periods;
  if (Array.isArray(listed)) return OFFERED_PERIODS.filter((period) => listed.includes(period));
  return ['year'];
}

/** Whether the measure can be age-adjusted (the API allows adjust=age for proportions and rates). */
export const canAdjust = (measure: MeasureInfo | undefined): boolean =>
  measure?.kind === 'proportion' || measure?.kind === 'rate';
