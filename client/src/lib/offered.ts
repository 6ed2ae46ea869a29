// What this dashboard offers of the API: the stratifiers and filters, in display order, and the
// periods of its trend chart. The API can do more (core/api/api-types.ts lists every dimension and
// period); each is offered here once the dashboard has a place for it.
import type { Dimension, TimePeriod } from '../../../core/api/api-types.ts';

export const OFFERED_DIMENSIONS = ['sex', 'ageBand', 'race', 'ethnicity', 'payer', 'county'] as const satisfies readonly Dimension[];
export type OfferedDimension = (typeof OFFERED_DIMENSIONS)[number];

export const OFFERED_PERIODS = ['year', 'quarter', 'month'] as const satisfies readonly TimePeriod[];
