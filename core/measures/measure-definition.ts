// What a measure is: aggregates over mart.person_period, the people counts that disclosure control
// judges, and what a reader needs to interpret it. SQL here is trusted catalog text, never user input.
import type { Dimension } from './dimensions.ts';
import type { Period } from './periods.ts';

export type MeasureUnit = 'percent' | 'per1000MemberYears' | 'per1000PersonYears' | 'dollarsPmpm' | 'days';
export type Direction = 'higher-is-better' | 'lower-is-better';

interface MeasureBase {
  id: string;
  title: string;
  description: string;
  unit: MeasureUnit;
  direction: Direction;
  /** Predicate restricting mart rows to the eligible population (e.g. an age range). */
  population?: string;
  /** People counts that suppression judges (aggregates). */
  numeratorPeople: string;
  denominatorPeople: string;
  /** Dimensions this measure may be stratified and filtered by (default: all). */
  stratifiers?: Dimension[];
  /** Where the definition comes from. */
  source: string;
  /** How edge cases are handled, in words (shown in docs/measures.md). */
  notes?: string;
  /**
   * How the definition departs from the source it cites ("Adapted from … Differences: …"), in words,
   * from what the SQL does (shown in docs/measures.md). Every measure that cites HEDIS has one.
   */
  departures?: string;
  /** The periods the definition holds for; the API refuses the others (400). */
  periods: readonly Period[];
  /** Why those periods, from the definition (look-back window, season, person-time), in words. */
  periodsReason: string;
}

/** Numerator people ⊆ denominator people; Wilson score CI. */
export interface ProportionMeasure extends MeasureBase {
  kind: 'proportion';
  numerator: string;
  denominator: string;
}

/** Events over person-time (years); exact Poisson (Garwood) CI. */
export interface RateMeasure extends MeasureBase {
  kind: 'rate';
  numerator: string;
  denominator: string;
}

/** Σy / Σx over person-periods (cost per member-month, days per stay); delta-method CI. */
export interface RatioMeasure extends MeasureBase {
  kind: 'ratio';
  /** Per-row expressions y and x. */
  numeratorValue: string;
  denominatorValue: string;
}

/** Share of the total of `value` held by the top `fraction` of people, ranked by `value`. */
export interface TopShareMeasure extends MeasureBase {
  kind: 'top-share';
  value: string;
  fraction: number;
}

export type MeasureDefinition = ProportionMeasure | RateMeasure | RatioMeasure | TopShareMeasure;

export const UNIT_LABELS: Record<MeasureUnit, string> = {
  percent: '%',
  per1000MemberYears: 'per 1,000 member-years',
  per1000PersonYears: 'per 1,000 person-years',
  dollarsPmpm: 'USD per member per month',
  days: 'days',
};

export const UNIT_SCALE: Record<MeasureUnit, number> = {
  percent: 100,
  per1000MemberYears: 1000,
  per1000PersonYears: 1000,
  dollarsPmpm: 1,
  days: 1,
};
