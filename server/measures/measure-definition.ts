// What a measure is: a numerator and a denominator over mart.person_period, with the people counts
// that disclosure control judges, and what a reader needs to interpret it.

export type MeasureUnit = 'percent' | 'per1000';
export type Direction = 'higher-is-better' | 'lower-is-better';

export interface MeasureDefinition {
  id: string;
  title: string;
  description: string;
  unit: MeasureUnit;
  direction: Direction;
  /** proportion: numerator people ⊆ denominator people (Wilson CI); rate: events per member-years (exact Poisson CI). */
  kind: 'proportion' | 'rate';
  /** SQL aggregate expressions over mart.person_period (trusted catalog text, never user input). */
  numerator: string;
  denominator: string;
  numeratorPeople: string;
  denominatorPeople: string;
  /** Optional SQL predicate restricting the rows (e.g. an age range). */
  population?: string;
  /** Where the definition comes from. */
  source: string;
}

export const UNIT_LABELS: Record<MeasureUnit, string> = { percent: '%', per1000: 'per 1,000 member-years' };
export const UNIT_SCALE: Record<MeasureUnit, number> = { percent: 100, per1000: 1000 };
