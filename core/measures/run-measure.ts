// Runs one measure query: SQL over the mart, then disclosure control, then estimates with
// confidence intervals (crude and, on request, age-standardized). By default every published
// count is perturbed by the cell key method (perturb-cell.ts, docs/disclosure.md) and the estimates
// are computed from the published counts; a published count of 1–10 people hides its cell. With
// `exactCounts` (an admin setting for a trusted environment) counts are exact, and small-cell and
// complementary suppression protect the one table. The true counts never leave this module.
import { maskCell, isSmallCount, resolvePolicy, suppressCells, type SuppressionReason } from '../disclosure/index.ts';
import { addKeySums } from '../disclosure/cell-key.ts';
import { DomainError } from '../errors.ts';
import { messages } from './messages.ts';
import { ageStandardizedRate, type AgeStratum } from '../stats/index.ts';
import type { Database } from '../warehouse/database.ts';
import { buildMeasureSql, type MeasureQuery } from './build-measure-sql.ts';
import { measureCellCatalog } from './measure-cells.ts';
import { compareDimensionValues } from './dimension-order.ts';
import { DIMENSION_NAMES, type Dimension } from './dimensions.ts';
import { UNIT_SCALE, type MeasureDefinition } from './measure-definition.ts';
import { perturbCell, type KeyedCell, type PublishedCell } from './perturb-cell.ts';
import { estimate } from './rate-cells.ts';
import { roundSummedAmount } from './round-summed-amount.ts';
import { collapseSparseAgeGroups } from './sparse-age-groups.ts';

export type MeasureRow = Record<string, string | number | boolean | null>;

export interface RunMeasureOptions {
  /** Also give the rate directly standardized to the US 2000 population, with its Fay–Feuer CI. */
  adjustAge?: boolean;
  /** Exact counts with complementary suppression, for a trusted environment (off by default). */
  exactCounts?: boolean;
  /**
   * The values each dimension lists (/api/dimensions: held by 11 or more people). Published counts
   * give no row to a stratum outside them, as the list does not name it; exact counts show every stratum.
   */
  listed?: Partial<Record<Dimension, readonly string[]>>;
  /**
   * Read the person rows even where pre-aggregated cells hold the answer: the baseline the cells must
   * equal (tests/integration/measure-cells.test.ts) and the bench's cost without them. The answer is the same.
   */
  personRows?: boolean;
}

type SqlRow = {
  period: string;
  [stratum: `stratum${number}`]: string | undefined;
  age_group?: string;
  numerator: number | null;
  denominator: number | null;
  numerator_people: number;
  denominator_people: number;
  numerator_key: number;
  denominator_key: number;
  sum_yy?: number;
  sum_xx?: number;
  sum_xy?: number;
  n?: number;
  max_value?: number | null;
};

type OutCell = Record<string, string | number | boolean | null> & { numeratorPeople: number; denominatorPeople: number };

interface Cell extends KeyedCell {
  keys: string[];
  ageGroups: (KeyedCell & { ageGroup: string })[];
}

/**
 * The most cells one request may make. With exact counts it bounds the cross-table: disclosure
 * control judges the full table (filters become stratifiers, the whole table is suppressed, and the
 * filtered slice is returned), so `by=sex&race=white` hides exactly what the white row of
 * `by=sex,race` hides. Perturbed counts need no cross-table: a cell's noise depends only on its people.
 */
const MAX_CROSS_TABLE_CELLS = 100_000;
/** Beyond this many cells in one period, the table gets the margin rule without the full audit. */
const MAX_AUDITED_CELLS_PER_PERIOD = 150;

export async function runMeasure(db: Database, query: MeasureQuery, options: RunMeasureOptions = {}): Promise<MeasureRow[]> {
  return options.exactCounts ? runExact(db, query, options) : runPerturbed(db, query, options);
}

/** The cells of a query, dense, with their key residues; every age group kept when asked for. */
async function queryCells(db: Database, query: MeasureQuery, tooLarge: (cells: number, max: number) => string, personRows = false): Promise<Cell[]> {
  const { sql, values } = buildMeasureSql(query, personRows ? undefined : await measureCellCatalog(db), db.dialect);
  // A few statement shapes serve every measure (the measure id is a value): their plans are reused.
  const rows = await db.query<SqlRow>(sql, values as (string | number)[], { reusePlan: true });
  const cells = densify(combine(rows, query.by.length), query.by);
  if (cells.length > MAX_CROSS_TABLE_CELLS) {
    throw new DomainError('request_too_fine', tooLarge(cells.length, MAX_CROSS_TABLE_CELLS));
  }
  return cells;
}

/**
 * The true cells of a query, with their key residues: for measurements made in a trusted process
 * (the bench's figures of what perturbation does to rates), never for a response.
 */
export function trueCells(db: Database, query: MeasureQuery): Promise<(KeyedCell & { keys: string[] })[]> {
  return queryCells(db, query, messages.tableTooLarge);
}

/** The cell key method: each cell perturbed on its own, estimates from its published counts, then rule 1 and the dominance rule. */
async function runPerturbed(db: Database, query: MeasureQuery, options: RunMeasureOptions): Promise<MeasureRow[]> {
  const all = await queryCells(db, { ...query, byStdAgeGroup: options.adjustAge }, messages.tableTooLarge, options.personRows);
  const listed = options.listed && query.by.map((dimension) => (options.listed![dimension] ? new Set(options.listed![dimension]) : undefined));
  const cells = listed ? all.filter((cell) => listed.every((values, i) => !values || values.has(cell.keys[i + 1]!))) : all;
  const policy = resolvePolicy();
  const keyNames = ['period', ...query.by];
  const scale = UNIT_SCALE[query.measure.unit];
  return cells.map((cell) => {
    const published = perturbCell(query.measure, cell);
    const row = shape(query.measure, keyNames, cell.keys, published);
    if (options.adjustAge) {
      const groups = cell.ageGroups.map((group) => ({ ageGroup: group.ageGroup, published: perturbCell(query.measure, group) }));
      Object.assign(row, adjusted(groups.map(({ ageGroup, published: g }) => ({ ageGroup, events: g.numerator, population: g.denominator, people: g.denominatorPeople })), scale, query.measure));
    }
    const small = isSmallCount(published.numeratorPeople, policy) || isSmallCount(published.denominatorPeople, policy);
    const reason: SuppressionReason | null = small ? 'small-cell' : published.dominated ? 'dominance' : null;
    return maskCell(row, keyNames, reason, OMITTED) as MeasureRow;
  });
}

const OMITTED: ReadonlySet<string> = new Set(['numeratorPeople', 'denominatorPeople']);

/** Exact counts, protected as one table by small-cell and complementary suppression. */
async function runExact(db: Database, query: MeasureQuery, options: RunMeasureOptions): Promise<MeasureRow[]> {
  const { crossTable, filtered } = crossTableQuery(query, options);
  const cells = await queryCells(db, crossTable, messages.crossTableTooLarge, options.personRows);
  const scale = UNIT_SCALE[query.measure.unit];
  const keyNames = ['period', ...crossTable.by];
  const shaped = cells.map((cell): OutCell => {
    const row = shape(query.measure, keyNames, cell.keys, cell);
    if (options.adjustAge) {
      Object.assign(row, adjusted(cell.ageGroups.map((g) => ({ ageGroup: g.ageGroup, events: roundSummedAmount(g.numerator), population: g.denominator, people: g.denominatorPeople })), scale, query.measure, 'drop-empty'));
    }
    return row;
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

/** A row of the result: its keys, numerator and denominator, the estimate and the people counts (judged, then omitted). */
function shape(measure: MeasureDefinition, keyNames: readonly string[], keys: readonly string[], cell: PublishedCell | KeyedCell): OutCell {
  const row: Record<string, string | number | boolean | null> = {};
  for (let i = 0; i < keyNames.length; i++) row[keyNames[i]!] = keys[i]!;
  row.numerator = cell.numerator;
  row.denominator = cell.denominator;
  Object.assign(row, estimate(measure, cell));
  row.numeratorPeople = cell.numeratorPeople;
  row.denominatorPeople = cell.denominatorPeople;
  return row as OutCell;
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
    const cell = cells.get(id) ?? { keys, ...emptyCell(), ageGroups: [] };
    const group = keyedCell(r);
    addInto(cell, group);
    if (r.age_group !== undefined) cell.ageGroups.push({ ...group, ageGroup: r.age_group });
    cells.set(id, cell);
  }
  return cells;
}

const emptyCell = (): KeyedCell => ({ numerator: 0, denominator: 0, numeratorPeople: 0, denominatorPeople: 0, numeratorKey: 0, denominatorKey: 0, sumYY: 0, sumXX: 0, sumXY: 0, n: 0, maxValue: 0 });

function keyedCell(r: SqlRow): KeyedCell {
  return {
    numerator: r.numerator ?? 0,
    denominator: r.denominator ?? 0,
    numeratorPeople: r.numerator_people,
    denominatorPeople: r.denominator_people,
    numeratorKey: Number(r.numerator_key ?? 0),
    denominatorKey: Number(r.denominator_key ?? 0),
    sumYY: r.sum_yy ?? 0,
    sumXX: r.sum_xx ?? 0,
    sumXY: r.sum_xy ?? 0,
    n: r.n ?? 0,
    maxValue: r.max_value ?? 0,
  };
}

/** Adds a part (an age group) into its cell: sums, key residues modulo 2³², the largest value by max. */
function addInto(cell: KeyedCell, part: KeyedCell): void {
  cell.numerator += part.numerator;
  cell.denominator += part.denominator;
  cell.numeratorPeople += part.numeratorPeople;
  cell.denominatorPeople += part.denominatorPeople;
  cell.numeratorKey = addKeySums(cell.numeratorKey, part.numeratorKey);
  cell.denominatorKey = addKeySums(cell.denominatorKey, part.denominatorKey);
  cell.sumYY! += part.sumYY ?? 0;
  cell.sumXX! += part.sumXX ?? 0;
  cell.sumXY! += part.sumXY ?? 0;
  cell.n! += part.n ?? 0;
  cell.maxValue = Math.max(cell.maxValue ?? 0, part.maxValue ?? 0);
}

/**
 * Disclosure control needs the full table: a stratum with nobody in one period is a zero cell,
 * not a missing one, so it can serve as a complement and the margins add up.
 */
function densify(byId: Map<string, Cell>, by: readonly Dimension[]): Cell[] {
  const cells = [...byId.values()];
  if (by.length === 0) return cells;
  const periods = [...new Set(cells.map((c) => c.keys[0]!))];
  // Each stratifier's values in its order (age groups by age), so rows come out as /api/dimensions lists them.
  const values = by.map((dimension, i) => [...new Set(cells.map((c) => c.keys[i + 1]!))].sort((a, b) => compareDimensionValues(dimension, a, b)));
  const combos = values.reduce<string[][]>((acc, vals) => acc.flatMap((prefix) => vals.map((v) => [...prefix, v])), [[]]);
  return periods.flatMap((period) =>
    combos.map((combo) => {
      const keys = [period, ...combo];
      return byId.get(cellId(keys)) ?? { keys, ...emptyCell(), ageGroups: [] };
    }),
  );
}

/** A cell's keys as one map key (JSON, so no two key lists share one). */
const cellId = (keys: readonly string[]) => JSON.stringify(keys);

type AgeGroupCounts = AgeStratum & { people: number };

/**
 * Direct standardization to the US 2000 population, Fay–Feuer CI (core/stats/age-standardization.ts).
 * Published counts merge sparse age groups first (sparse-age-groups.ts); exact counts, in a trusted
 * environment, only leave out the empty ones.
 */
function adjusted(groups: AgeGroupCounts[], scale: number, measure: MeasureDefinition, sparse: 'collapse' | 'drop-empty' = 'collapse') {
  const populated = groups.filter((g) => g.population > 0 && g.people > 0);
  if (populated.length === 0) return { adjustedRate: null, adjustedCiLow: null, adjustedCiHigh: null };
  const { strata, weights } = sparse === 'collapse' ? collapseSparseAgeGroups(populated) : { strata: populated, weights: undefined };
  const result = ageStandardizedRate(
    strata.map((g) => ({ ageGroup: g.ageGroup, events: roundSummedAmount(g.events), population: g.population })),
    { multiplier: scale, emptyStrata: 'drop', ...(weights ? { weights } : {}) },
  );
  // The Fay–Feuer limit is a gamma bound on a rate; a proportion cannot exceed 100%, so its upper
  // limit is truncated there (docs/measures.md says so).
  const high = measure.kind === 'proportion' ? Math.min(result.high, scale) : result.high;
  return { adjustedRate: result.rate, adjustedCiLow: result.low, adjustedCiHigh: high };
}
