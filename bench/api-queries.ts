// The dashboard queries the API section times, the requests that warm a server up before it is
// timed (the same measure by other stratifiers, and restricted to one sex, county, payer …), and
// the SQL the server runs for each.
import { buildMeasureSql, type BuiltSql } from '../core/measures/build-measure-sql.ts';
import { findMeasure } from '../core/measures/catalog.ts';
import type { CellCatalog } from '../core/measures/measure-cells.ts';
import { crossTableQuery } from '../core/measures/run-measure.ts';
import type { Dimension } from '../core/measures/dimensions.ts';
import type { DimensionValues } from '../core/warehouse/warehouse-facts.ts';

export interface MeasureCase {
  measure: string;
  by: Dimension[];
}

export type Filters = Partial<Record<Dimension, string>>;

/** One query per kind of measure (proportion, rate, ratio, top share) and one with two stratifiers. */
export const MEASURE_CASES: MeasureCase[] = [
  { measure: 'diabetes-prevalence', by: ['sex'] },
  { measure: 'ed-visits-per-1000', by: ['payer'] },
  { measure: 'cost-pmpm', by: ['county'] },
  { measure: 'hba1c-control', by: ['race'] },
  { measure: 'top-5-percent-cost-share', by: ['ageBand'] },
  { measure: 'hypertension-prevalence', by: ['ageBand', 'sex'] },
];

/** The dimensions filters rotate through, in this order (coarse ones first). */
const FILTER_DIMENSIONS: Dimension[] = ['sex', 'ethnicity', 'ageBand', 'race', 'payer', 'county'];

export const caseId = (c: MeasureCase) => `${c.measure} by ${c.by.join(' × ')}`;

export function measurePath(c: MeasureCase, filters: Filters = {}): string {
  const search = new URLSearchParams({ period: 'year', by: c.by.join(',') });
  for (const [name, value] of Object.entries(filters)) search.set(name, value!);
  return `/api/measures/${c.measure}?${search}`;
}

/**
 * The SQL the server runs for the same request, as runMeasure builds it (filters become stratifiers of
 * the cross-table). With the warehouse's cell catalog it reads the pre-aggregated cells the server
 * reads; without, the person rows (what any query the cells cannot answer costs).
 */
export function measureSql(c: MeasureCase, filters: Filters = {}, cells?: CellCatalog): BuiltSql {
  const measure = findMeasure(c.measure);
  if (!measure) throw new Error(`bench: the catalog has no measure '${c.measure}'`);
  return buildMeasureSql(crossTableQuery({ measure, period: 'year', by: c.by, filters }).crossTable, cells);
}

/**
 * The same measure with each other allowed stratifier in place of the last one, unfiltered: other
 * dashboard requests that read the same pre-aggregated cells (a new server process reads those
 * blocks of the warehouse for the first time; the bench process has read them too).
 */
export function siblingCases(c: MeasureCase): MeasureCase[] {
  const measure = findMeasure(c.measure)!;
  const allowed = (measure.stratifiers ?? FILTER_DIMENSIONS) as Dimension[];
  const kept = c.by.slice(0, -1);
  return FILTER_DIMENSIONS.filter((d) => allowed.includes(d) && !c.by.includes(d)).map((d) => ({ measure: c.measure, by: [...kept, d] }));
}

/** `count` distinct filter sets for a case: single filters first, then pairs. */
export function filterVariants(c: MeasureCase, values: DimensionValues, count: number): Filters[] {
  const measure = findMeasure(c.measure)!;
  const allowed = (measure.stratifiers ?? FILTER_DIMENSIONS) as Dimension[];
  const dimensions = FILTER_DIMENSIONS.filter((d) => allowed.includes(d) && !c.by.includes(d));
  const singles: Filters[] = dimensions.flatMap((d) => values[d].map((v) => ({ [d]: v })));
  const variants = [...singles];
  for (let i = 0; i < singles.length && variants.length < count; i++) {
    for (let j = i + 1; j < singles.length && variants.length < count; j++) {
      const [a, b] = [singles[i]!, singles[j]!];
      if (Object.keys(a)[0] !== Object.keys(b)[0]) variants.push({ ...a, ...b });
    }
  }
  if (variants.length < count) throw new Error(`bench: only ${variants.length} distinct filters for ${caseId(c)}, ${count} needed`);
  return variants.slice(0, count);
}
