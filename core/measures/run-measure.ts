// Runs one measure query: SQL over the mart, estimates with confidence intervals (crude and, on
// request, age-standardized), then disclosure control. The people counts that suppression judges
// never leave this module.
import { suppressCells } from '../disclosure/index.ts';
import { DomainError } from '../errors.ts';
import { messages } from './messages.ts';
import { ageStandardizedRate } from '../stats/index.ts';
import type { Database } from '../warehouse/database.ts';
import { buildMeasureSql, type MeasureQuery } from './build-measure-sql.ts';
import { measureCellCatalog } from './measure-cells.ts';
import { DIMENSION_NAMES, type Dimension } from './dimensions.ts';
import { UNIT_SCALE } from './measure-definition.ts';
import { estimate, type RawCell } from './rate-cells.ts';

export type MeasureRow = Record<string, string | number | boolean | null>;

type SqlRow = {
  period: string;
  [stratum: `stratum${number}`]: string | undefined;
  age_group?: string;
  numerator: number | null;
  denominator: number | null;
  numerator_people: number;
  denominator_people: number;
  sum_yy?: number;
  sum_xx?: number;
  sum_xy?: number;
  n?: number;
};

type OutCell = Record<string, string | number | boolean | null> & { numeratorPeople: number; denominatorPeople: number };

interface Cell extends RawCell {
  keys: string[];
  ageGroups: { ageGroup: string; events: number; population: number }[];
}

/**
 * Disclosure control judges the full cross-table: filters become stratifiers, the whole table is
 * suppressed, and the filtered slice is returned. So `by=sex&race=white` hides exactly what the
 * white row of `by=sex,race` hides, and no pair of requests can be differenced around a cell.
 */
const MAX_CROSS_TABLE_CELLS = 100_000;
/** Beyond this many cells in one period, the table gets the margin rule without the full audit. */
const MAX_AUDITED_CELLS_PER_PERIOD = 150;

export async function runMeasure(db: Database, query: MeasureQuery, options: { adjustAge?: boolean } = {}): Promise<MeasureRow[]> {
  const { crossTable, filtered } = crossTableQuery(query, options);
  const dims = crossTable.by;
  const { sql, values } = buildMeasureSql(crossTable, await measureCellCatalog(db));
  // A few statement shapes serve every measure (the measure id is a value): their plans are reused.
  const rows = await db.query<SqlRow>(sql, values as (string | number)[], { reusePlan: true });
  const cells = densify(combine(rows, dims.length), dims.length);
  if (cells.length > MAX_CROSS_TABLE_CELLS) {
    throw new DomainError('request_too_fine', messages.crossTableTooLarge(cells.length, MAX_CROSS_TABLE_CELLS));
  }
  const scale = UNIT_SCALE[query.measure.unit];
  const keyNames = ['period', ...dims];
  const shaped = cells.map((cell): OutCell => {
    const row: Record<string, string | number | boolean | null> = {};
    for (let i = 0; i < keyNames.length; i++) row[keyNames[i]!] = cell.keys[i]!;
    row.numerator = cell.numerator;
    row.denominator = cell.denominator;
    Object.assign(row, estimate(query.measure, cell));
    if (options.adjustAge) Object.assign(row, adjusted(cell, scale));
    row.numeratorPeople = cell.numeratorPeople;
    row.denominatorPeople = cell.denominatorPeople;
    return row as OutCell;
  });
  const cellsPerPeriod = cells.length / Math.max(1, new Set(cells.map((c) => c.keys[0])).size);
  const disclosed = suppressCells(shaped, {
    keys: keyNames,
    audit: cellsPerPeriod <= MAX_AUDITED_CELLS_PER_PERIOD ? 'full' : 'margins',
    omit: ['numeratorPeople', 'denominatorPeople'],
  }) as MeasureRow[];
  if (filtered.length === 0) return disclosed;
  // The filtered slice, without the filtered keys.
  return disclosed
    .filter((row) => filtered.every((d) => row[d] === query.filters[d]))
    .map((row) => {
      for (const d of filtered) delete row[d];
      return row;
    });
}

/** The query whose table disclosure control judges: the stratifiers plus every filtered dimension, unfiltered. */
export function crossTableQuery(query: MeasureQuery, options: { adjustAge?: boolean } = {}): { crossTable: MeasureQuery; filtered: Dimension[] } {
  const filtered = DIMENSION_NAMES.filter((d) => query.filters[d] !== undefined && !query.by.includes(d));
  return { crossTable: { ...query, by: [...query.by, ...filtered], filters: {}, byStdAgeGroup: options.adjustAge }, filtered };
}

/** Adds up the age groups of one (period, strata) cell, keeping them for standardization; by cellId. */
function combine(rows: SqlRow[], strata: number): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const r of rows) {
    const keys = [r.period, ...Array.from({ length: strata }, (_, i) => String(r[`stratum${i}`]))];
    const id = cellId(keys);
    const cell = cells.get(id) ?? { keys, numerator: 0, denominator: 0, numeratorPeople: 0, denominatorPeople: 0, sumYY: 0, sumXX: 0, sumXY: 0, n: 0, ageGroups: [] };
    cell.numerator += r.numerator ?? 0;
    cell.denominator += r.denominator ?? 0;
    cell.numeratorPeople += r.numerator_people;
    cell.denominatorPeople += r.denominator_people;
    cell.sumYY! += r.sum_yy ?? 0;
    cell.sumXX! += r.sum_xx ?? 0;
    cell.sumXY! += r.sum_xy ?? 0;
    cell.n! += r.n ?? 0;
    if (r.age_group !== undefined) cell.ageGroups.push({ ageGroup: r.age_group, events: r.numerator ?? 0, population: r.denominator ?? 0 });
    cells.set(id, cell);
  }
  return cells;
}

/**
 * Disclosure control needs the full table: a stratum with nobody in one period is a zero cell,
 * not a missing one, so it can serve as a complement and the margins add up.
 */
function densify(byId: Map<string, Cell>, strata: number): Cell[] {
  const cells = [...byId.values()];
  if (strata === 0) return cells;
  const periods = [...new Set(cells.map((c) => c.keys[0]!))];
  const values = Array.from({ length: strata }, (_, i) => [...new Set(cells.map((c) => c.keys[i + 1]!))].sort());
  const combos = values.reduce<string[][]>((acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])), [[]]);
  return periods.flatMap((period) =>
    combos.map((combo) => {
      const keys = [period, ...combo];
      return byId.get(cellId(keys)) ?? { keys, numerator: 0, denominator: 0, numeratorPeople: 0, denominatorPeople: 0, n: 0, ageGroups: [] };
    }),
  );
}

/** A cell's keys as one map key (JSON, so no two key lists share one). */
const cellId = (keys: readonly string[]) => JSON.stringify(keys);

/** Direct standardization to the US 2000 population, Fay–Feuer CI (core/stats/age-standardization.ts). */
function adjusted(cell: Cell, scale: number) {
  const populated = cell.ageGroups.filter((g) => g.population > 0);
  if (populated.length === 0) return { adjustedRate: null, adjustedCiLow: null, adjustedCiHigh: null };
  const result = ageStandardizedRate(
    populated.map((g) => ({ ...g, events: Math.round(g.events) })),
    { multiplier: scale, emptyStrata: 'drop' },
  );
  return { adjustedRate: result.rate, adjustedCiLow: result.low, adjustedCiHigh: result.high };
}
