// The order a dimension's values are listed in: age groups by age (the NCHS groups sort '<1', '1-4',
// '5-14', '15-24', … as text would put '5-14' after '45-54'), every other dimension in byte order, as
// the SQL sorts text. One comparator for /api/dimensions and for the rows of every result.
import { NCHS_AGE_GROUPS } from '../stats/us-2000-standard.ts';
import type { Dimension } from './dimensions.ts';

/** The mart's age bands (pipelines/marts/person-period-table-sql.ts), youngest first. */
const AGE_BANDS = ['0-17', '18-34', '35-49', '50-64', '65-74', '75-84', '85+'];

const ORDERS: Partial<Record<Dimension, readonly string[]>> = { stdAgeGroup: NCHS_AGE_GROUPS, ageBand: AGE_BANDS };

/** Compares two values of one dimension: known age groups by age (unknown ones after them), the rest as text. */
export function compareDimensionValues(dimension: Dimension, a: string, b: string): number {
  const order = ORDERS[dimension];
  if (order) {
    const [i, j] = [order.indexOf(a), order.indexOf(b)].map((k) => (k === -1 ? order.length : k)) as [number, number];
    if (i !== j) return i - j;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
