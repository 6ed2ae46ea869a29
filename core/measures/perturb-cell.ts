// The published form of one measure cell under the cell key method (docs/disclosure.md): every
// count the cell shows is its true value plus the noise its cell key draws from the perturbation
// table, and everything else is computed from those published counts. By kind:
// - counts of people (prevalence numerators, denominators of people) draw from their own key;
// - counts of events (visits, admissions, discharges) draw with a key derived from their people's;
// - person-time and a ratio's denominator scale with the perturbed count of their people;
// - magnitudes (costs, days) scale the same way and get a noise proportional to the cell's largest
//   single value, which also decides the dominance rule: a cell whose largest value is more than
//   DOMINANCE_SHARE of its total is not shown.
// Pure: the keys come in with the cell, the table is a parameter.
import { derivedKey, perturbCount, cellKey } from '../disclosure/cell-key.ts';
import { noiseFor, perturbationTable, type PerturbationTable } from '../disclosure/perturbation-table.ts';
import type { MeasureDefinition } from './measure-definition.ts';
import type { RawCell } from './rate-cells.ts';

/** A cell as the query returns it: true aggregates with the key residues of its people counts. */
export interface KeyedCell extends RawCell {
  numeratorKey: number;
  denominatorKey: number;
  /** Ratios and top shares: the largest single value of the numerator's rows (costs, days). */
  maxValue?: number;
}

export interface PublishedCell extends RawCell {
  /** The dominance rule: one row holds more than DOMINANCE_SHARE of the cell's magnitude. */
  dominated: boolean;
}

/** A magnitude whose largest single contribution exceeds this share of the total is not shown (a p% rule with p = 40). */
export const DOMINANCE_SHARE = 0.6;

/** The default perturbation table (D = 5, V = 2), built once. */
export const DEFAULT_TABLE: PerturbationTable = perturbationTable();

export function perturbCell(measure: MeasureDefinition, cell: KeyedCell, table: PerturbationTable = DEFAULT_TABLE): PublishedCell {
  const denominatorPeople = perturbCount(table, cell.denominatorPeople, cell.denominatorKey);
  // Person-time, member-months and magnitudes follow their people: pt′ = pt · c′ / c.
  const scale = cell.denominatorPeople > 0 ? denominatorPeople / cell.denominatorPeople : 1;
  const maxValue = cell.maxValue ?? 0;
  switch (measure.kind) {
    case 'proportion': {
      const numeratorPeople = perturbCount(table, cell.numeratorPeople, cell.numeratorKey);
      const denominator = measure.denominator === measure.denominatorPeople ? denominatorPeople : events(table, cell.denominator, cell.denominatorKey);
      const numerator = measure.numerator === measure.numeratorPeople ? numeratorPeople : events(table, cell.numerator, cell.numeratorKey);
      return { numerator: Math.min(numerator, denominator), denominator, numeratorPeople, denominatorPeople, dominated: false };
    }
    case 'rate': {
      const numeratorPeople = perturbCount(table, cell.numeratorPeople, cell.numeratorKey);
      const numerator = measure.numerator === measure.numeratorPeople ? numeratorPeople : events(table, cell.numerator, cell.numeratorKey);
      return { numerator, denominator: cell.denominator * scale, numeratorPeople, denominatorPeople, dominated: false };
    }
    case 'ratio': {
      const numeratorPeople = perturbCount(table, cell.numeratorPeople, cell.numeratorKey);
      const numerator = Math.max(0, cell.numerator * scale + maxValue * magnitudeNoise(table, cell.numeratorKey, 'magnitude'));
      return {
        numerator,
        denominator: cell.denominator * scale,
        numeratorPeople,
        denominatorPeople,
        sumYY: (cell.sumYY ?? 0) * scale,
        sumXX: (cell.sumXX ?? 0) * scale,
        sumXY: (cell.sumXY ?? 0) * scale,
        n: Math.round((cell.n ?? 0) * scale),
        dominated: dominated(cell.numerator, maxValue),
      };
    }
    case 'top-share': {
      // The top people are the ceil(fraction × n) costliest of the group: a function of the group.
      const numeratorPeople = Math.ceil(measure.fraction * denominatorPeople);
      const denominator = Math.max(0, cell.denominator + maxValue * magnitudeNoise(table, cell.denominatorKey, 'total'));
      const numerator = Math.min(denominator, Math.max(0, cell.numerator + maxValue * magnitudeNoise(table, cell.denominatorKey, 'magnitude')));
      return { numerator, denominator, numeratorPeople, denominatorPeople, dominated: dominated(cell.numerator, maxValue) };
    }
  }
}

/** A count of events, perturbed with a key derived from its people's (rounded: the SQL sums them as DOUBLE). */
function events(table: PerturbationTable, count: number, peopleKey: number): number {
  return perturbCount(table, Math.round(count), derivedKey(peopleKey, 'events'));
}

/** A fraction in [−1, 1] of the largest value: the symmetric row's noise over its largest noise. */
function magnitudeNoise(table: PerturbationTable, key: number, quantity: 'magnitude' | 'total'): number {
  const { maxNoise } = table.parameters;
  return noiseFor(table, maxNoise + 1, cellKey(derivedKey(key, quantity))) / maxNoise;
}

const dominated = (total: number, largest: number): boolean => total > 0 && largest > DOMINANCE_SHARE * total;
