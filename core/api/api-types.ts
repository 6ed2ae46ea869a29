// Types of the HTTP API as documented in docs/architecture.md ("HTTP API"), for the dashboard (and,
// with issue 19, the report renderer). Dimensions, periods and units come from the definitions the server uses, so
// the client cannot fall behind them; the response shapes are checked against the zod schemas of
// api-schemas.ts by tests/unit/api-types.test.ts. Type-only imports and small constants: the
// dashboard bundles this module without zod.
import { DIMENSION_NAMES, type Dimension } from '../measures/dimensions.ts';
import type { MeasureUnit } from '../measures/measure-definition.ts';
import type { StratumTrend } from '../measures/measure-trend.ts';
import { PERIODS, type Period } from '../measures/periods.ts';

/** Every dimension the API can stratify and filter by, in the API's order. */
export const DIMENSIONS: readonly Dimension[] = DIMENSION_NAMES;
export { PERIODS };
export type { Dimension, MeasureUnit, Period };

/** A period that is a span of calendar time (a chart's x axis); `all` is not one. */
export type TimePeriod = Exclude<Period, 'all'>;
export const isTimePeriod = (period: Period): period is TimePeriod => period !== 'all';

export type MeasureDirection = 'higher-is-better' | 'lower-is-better';
export type MeasureKind = 'proportion' | 'rate' | 'ratio' | 'top-share';
export type Filters = Partial<Record<Dimension, string>>;

/** GET /api/meta and GET /api/dimensions answer these, as the server reads them from the warehouse. */
export type { WarehouseMeta as Meta, DimensionValues as Dimensions } from '../warehouse/warehouse-facts.ts';

export interface MeasureInfo {
  id: string;
  title: string;
  description: string;
  unit: MeasureUnit;
  unitLabel: string;
  direction: MeasureDirection;
  kind: MeasureKind;
  stratifiers: Dimension[];
  source: string;
  notes?: string;
  /** How the definition departs from its cited source ("Adapted from … Differences: …"). */
  departures?: string;
  /** The periods the definition holds for (year only for yearly measures such as HbA1c control); others are refused with 400. */
  periods: Period[];
  /** Why those periods, in words (Measure library). */
  periodsReason: string;
}

/** One cell of a measure result; a suppressed cell has nulls for all its numbers. */
export interface MeasureRow extends Partial<Record<Dimension, string>> {
  period: string;
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** NCHS presentation standard: relative standard error above 30% or fewer than 20 events. */
  unreliable?: boolean | null;
  /** With adjust=age: directly standardized to the US 2000 population, Fay–Feuer interval. */
  adjustedRate?: number | null;
  adjustedCiLow?: number | null;
  adjustedCiHigh?: number | null;
  suppressed: boolean;
  /** small-cell: a published count of 1–10 people; dominance: one person holds most of a total; complementary: exact counts only. */
  suppressionReason?: 'small-cell' | 'complementary' | 'dominance';
}

export interface MeasureResult {
  measure: MeasureInfo;
  dataVersion: string;
  /** When the data were loaded (/api/meta loadedAt): the "data as of" of headers and exports. */
  dataAsOf: string;
  period: Period;
  /** The years of the rows: the from/to parameters, else the data's first and last year; null for period=all. */
  from: number | null;
  to: number | null;
  /** The stratifier(s), comma-separated, or null. */
  by: string | null;
  filters: Record<string, string>;
  adjust: 'age' | null;
  /** perturbed: counts carry the cell key method's noise (docs/disclosure.md); exact: a trusted environment's setting. */
  disclosure: 'perturbed' | 'exact';
  rows: MeasureRow[];
}

/** The annual percent change of one stratum (GET /api/measures/:id/trend): the trend module's own type. */
export type { StratumTrend };

/** GET /api/measures/:id/trend?from=&to=: the APC per stratum, fitted over the years from–to only. */
export interface MeasureTrend {
  measure: MeasureInfo;
  dataVersion: string;
  dataAsOf: string;
  from: number;
  to: number;
  by: string | null;
  filters: Record<string, string>;
  adjust: 'age' | null;
  disclosure: 'perturbed' | 'exact';
  method: string;
  trends: StratumTrend[];
}

/** What the dashboard asks of a measure: one stratifier at most, for now. */
export interface MeasureQuery {
  period: TimePeriod;
  by: Dimension | null;
  filters: Filters;
}

/** GET and POST /api/session for a signed-in user (server/accounts/session-routes.ts). */
export interface SessionInfo {
  user: string;
  role: 'viewer' | 'analyst' | 'admin';
  /** Sent back as X-CSRF-Token on every change; the dashboard keeps it in memory only. */
  csrfToken: string;
}
