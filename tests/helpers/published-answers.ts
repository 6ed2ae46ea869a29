// Comparing published measure answers (runMeasure's rows, or an API body): the check that an answer
// from pre-aggregated cells is the person rows' answer, over request shapes that every cell table
// holds or misses. Counts, keys and suppression must be identical; a sum of fractional doubles (person-time, cost) added in another order may differ in its
// last bits (and an iterative gamma bound of an age-adjusted CI moves by its own tolerance with them),
// so a fraction must agree to a relative 1e-9.
import { DIMENSION_NAMES, type Dimension } from '../../core/measures/dimensions.ts';

type Row = Record<string, unknown>;

/** A request's stratifiers, filters and options: none, each single stratifier, pairs within and across cell tables. */
export interface RequestShape {
  by: Dimension[];
  filters?: Partial<Record<Dimension, string>>;
  adjustAge?: boolean;
  exactCounts?: boolean;
}

export const REQUEST_SHAPES: RequestShape[] = [
  { by: [] },
  { by: [], adjustAge: true },
  ...DIMENSION_NAMES.map((d) => ({ by: [d] })),
  { by: ['race', 'sex'], adjustAge: true },
  { by: ['county', 'payer'], exactCounts: true },
  { by: ['organization', 'ageBand'] },
  { by: ['sex'], filters: { race: 'white' } },
];

/** The paths (`/3/rate: 1.2 vs 1.3`) at which `actual` differs from `expected`; empty when they agree. */
export function publishedDifferences(actual: unknown, expected: unknown, path = ''): string[] {
  if (typeof actual === 'number' && typeof expected === 'number' && !(Number.isInteger(actual) && Number.isInteger(expected))) {
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)) ? [] : [`${path}: ${actual} vs ${expected}`];
  }
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
    return keys.flatMap((k) => publishedDifferences((actual as Row)[k], (expected as Row)[k], `${path}/${k}`));
  }
  return actual === expected ? [] : [`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`];
}
