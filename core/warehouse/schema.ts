// Names of the warehouse's person-period marts, shared by the load that builds them and the
// measures that read them: one row per person per period in coverage, at three grains.

export const GRAINS = ['year', 'quarter', 'month'] as const;
export type Grain = (typeof GRAINS)[number];

/** How many months a period of the grain spans. */
export const GRAIN_MONTHS: Record<Grain, number> = { year: 12, quarter: 3, month: 1 };

/** The mart table of one grain: mart.person_year, mart.person_quarter, mart.person_month. */
export const martTable = (grain: Grain): string => `person_${grain}`;
