// Types of the HTTP API as documented in docs/architecture.md ("HTTP API").
// Client-side mirror of the contract: change both in the same commit.

/** The dimensions that the measures can be stratified and filtered by, in display order. */
export const DIMENSIONS = ['sex', 'ageBand', 'race', 'ethnicity', 'payer', 'county'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const PERIODS = ['year', 'quarter', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** `per1000` is the contract's original name; the server now says which person-time it counts. */
export type MeasureUnit =
  | 'percent'
  | 'per1000'
  | 'per1000MemberYears'
  | 'per1000PersonYears'
  | 'dollarsPmpm'
  | 'days';
export type MeasureDirection = 'higher-is-better' | 'lower-is-better';
export type Filters = Partial<Record<Dimension, string>>;

export interface Meta {
  dataVersion: string;
  loadedAt: string;
  dateRange: { start: string; end: string };
  people: number;
}

export type Dimensions = Record<Dimension, string[]> & Record<string, string[]>;

export interface MeasureInfo {
  id: string;
  title: string;
  unit: MeasureUnit;
  unitLabel: string;
  description: string;
  direction: MeasureDirection;
  /** May list dimensions this dashboard does not offer yet (e.g. `zip3`); those are ignored. */
  stratifiers: string[];
  source?: string;
  notes?: string;
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
  unreliable?: boolean;
  suppressed: boolean;
  suppressionReason?: string;
}

export interface MeasureResult {
  measure: Pick<MeasureInfo, 'id' | 'title' | 'unit' | 'unitLabel'>;
  dataVersion: string;
  period: Period;
  /** The stratifier(s), comma-separated, or null. */
  by: string | null;
  filters: Filters;
  rows: MeasureRow[];
}

export interface MeasureQuery {
  period: Period;
  by: Dimension | null;
  filters: Filters;
}
