// The periods a measure can be computed by: a row per year, quarter or month, or one row over the
// whole date range (`all`); and the sets of them a measure's definition allows (catalog, 400 otherwise).

export const PERIODS = ['year', 'quarter', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

/** Events or sums over person-time, and per-event shares: the unit does not depend on the period's length. */
export const EVERY_PERIOD: readonly Period[] = PERIODS;
/** Defined over a measurement year (a yearly test, a yearly vaccine): a year, or years pooled. */
export const YEARLY_PERIODS: readonly Period[] = ['year', 'all'];
