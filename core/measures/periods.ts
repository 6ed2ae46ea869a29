// The periods a measure can be computed by: a row per year, quarter or month, or one row over the
// whole date range (`all`).

export const PERIODS = ['year', 'quarter', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];
