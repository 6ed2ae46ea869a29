// Pre-aggregated measure cells: every measure's numerator, denominator and people counts per period
// and combination of the common dimensions, built by the load next to the person rows, by year and,
// for the measures whose periods include it and when the load chooses to (pipelines/marts/quarter-cells.ts:
// a large population), by quarter.
// A query whose stratifiers and filters all fall inside one cell table of its grain adds up a few
// thousand cells instead of scanning a row per person-period (at a million people, 9 million yearly
// rows become ~200,000 cells; 36 million quarterly rows, about four times the yearly cells).
// Top shares do not add up across cells, so they are kept whole: per year, for the whole population,
// each single stratifier and each pair (a request by one stratifier with one filter judges the pair).
// Anything else (months, cohorts, finer cross-tables) reads the person rows. Each
// measure's cells carry a hash of its definition: a warehouse built before a definition changed
// falls back to the person rows instead of answering the old question. The load runs in DuckDB, so
// the statements building the cells are DuckDB's (GROUP BY ALL, the heap top share); another engine
// is given the cells as built, and reads them through the dialect of build-measure-sql.ts.
import { createHash } from 'node:crypto';
import type { Database } from '../warehouse/database.ts';
import { perDatabase } from '../warehouse/per-database.ts';
import { martTable, type Grain } from '../warehouse/schema.ts';
import { quoteLiteral } from '../warehouse/sql.ts';
import { additiveColumns, topShareByHeapSql, type MeasureQuery } from './build-measure-sql.ts';
import { DIMENSION_NAMES, DIMENSIONS, type Dimension } from './dimensions.ts';
import type { MeasureDefinition, TopShareMeasure } from './measure-definition.ts';

type AdditiveMeasure = Exclude<MeasureDefinition, TopShareMeasure>;

interface CellTable {
  table: string;
  /** The mart the cells add up (`year` also answers `all`, the years pooled). */
  grain: Grain;
  dimensions: Dimension[];
}

const DEMOGRAPHIC: Dimension[] = ['sex', 'ageBand', 'stdAgeGroup', 'race', 'ethnicity', 'payer', 'county', 'zip3'];
const ORGANIZATION: Dimension[] = ['organization', 'sex', 'ageBand', 'stdAgeGroup'];

/**
 * Cell tables, tried in order within a grain (the yearly demographic table first: the server warms it).
 * No month cells: at 20,000 people the quarter cells already cost more rows than person_quarter
 * (7 million for 0.7 million person-quarters) and months would triple that; a month reads person rows.
 * ZIP3 nests in county; organization gets a table of its own (39 × everything would be per person).
 * The yearly tables keep their first names, so a warehouse built before the finer grains keeps its cells.
 * The quarter tables are optional: a warehouse without them (a small load, or an older one) holds no
 * catalog entry for them, and its quarterly requests read person rows.
 */
export const CELL_TABLES: CellTable[] = [
  { table: 'measure_cells_demographic', grain: 'year', dimensions: DEMOGRAPHIC },
  { table: 'measure_cells_organization', grain: 'year', dimensions: ORGANIZATION },
  { table: 'measure_cells_demographic_quarter', grain: 'quarter', dimensions: DEMOGRAPHIC },
  { table: 'measure_cells_organization_quarter', grain: 'quarter', dimensions: ORGANIZATION },
];

/** The optional tables: those of the grains finer than a year. */
export const QUARTER_CELL_TABLES: string[] = CELL_TABLES.filter((t) => t.grain !== 'year').map((t) => t.table);

/** The additive measures a grain's cells hold: every one by year, by a finer grain those defined for it. */
function measuresOf(grain: Grain, measures: AdditiveMeasure[]): AdditiveMeasure[] {
  return grain === 'year' ? measures : measures.filter((m) => m.periods.includes(grain));
}

/** The measures grouped by population (their SQL condition, 'true' for everyone), in first-seen order. */
function byPopulation(measures: AdditiveMeasure[]): [population: string, group: AdditiveMeasure[]][] {
  const groups = new Map<string, AdditiveMeasure[]>();
  for (const m of measures) groups.set(m.population ?? 'true', [...(groups.get(m.population ?? 'true') ?? []), m]);
  return [...groups];
}
export const TOP_SHARE_TABLE = 'top_share_cells';
/**
 * Top shares per pair of dimensions, in DIMENSION_NAMES order. A table of its own (not more rows in
 * top_share_cells) so warehouses built before it keep their single-stratifier cells.
 */
export const TOP_SHARE_PAIR_TABLE = 'top_share_pair_cells';
/** Every pair of dimensions, each in DIMENSION_NAMES order. */
export const DIMENSION_PAIRS: [Dimension, Dimension][] = DIMENSION_NAMES.flatMap((a, i) => DIMENSION_NAMES.slice(i + 1).map((b): [Dimension, Dimension] => [a, b]));
const CATALOG_TABLE = 'measure_cells_catalog';
/** The columns of a cell after its keys; the last four only a ratio fills (the sums its CI needs). */
const CELL_COLUMNS: [name: string, type: string][] = [
  ['numerator', 'DOUBLE'], ['denominator', 'DOUBLE'], ['numerator_people', 'BIGINT'], ['denominator_people', 'BIGINT'],
  ['numerator_key', 'BIGINT'], ['denominator_key', 'BIGINT'],
  ['sum_yy', 'DOUBLE'], ['sum_xx', 'DOUBLE'], ['sum_xy', 'DOUBLE'], ['n', 'BIGINT'], ['max_value', 'DOUBLE'],
];
const RATIO_ONLY = ['sum_yy', 'sum_xx', 'sum_xy', 'n', 'max_value'];

/** Bump when the layout of the cell tables changes: older warehouses then read person rows. */
const CELLS_FORMAT = 2;

/** A stored top share's columns after its sums: people counts, the group's key residue, its largest value. */
const TOP_SHARE_COLUMNS = 'numerator_people BIGINT, denominator_people BIGINT, denominator_key BIGINT, max_value DOUBLE';
const TOP_SHARE_VALUES = 'numerator_people, denominator_people, denominator_key, max_value';

/** measure id → definition hash, per cell table, as the warehouse holds them. */
export type CellCatalog = Map<string, Map<string, string>>;

export type CellSource = { kind: 'cells' | 'top-share' | 'top-share-pair'; table: string };

/** Which cells, if any, answer `query` (as runMeasure sends it: filters already turned into stratifiers). */
export function cellsFor(query: MeasureQuery, catalog: CellCatalog): CellSource | undefined {
  const { measure } = query;
  if (query.cohort) return undefined;
  const current = (table: string) => catalog.get(table)?.get(measure.id) === definitionHash(measure, table);
  const restricted = Object.keys(query.restriction ?? {}) as Dimension[];
  if (measure.kind === 'top-share') {
    // Stored whole per group, a top share cannot be narrowed to a restriction: those read person rows.
    if (query.period !== 'year' || Object.keys(query.filters).length > 0 || restricted.length > 0) return undefined;
    if (query.by.length <= 1) return current(TOP_SHARE_TABLE) ? { kind: 'top-share', table: TOP_SHARE_TABLE } : undefined;
    return query.by.length === 2 && current(TOP_SHARE_PAIR_TABLE) ? { kind: 'top-share-pair', table: TOP_SHARE_PAIR_TABLE } : undefined;
  }
  const needed = [...query.by, ...(Object.keys(query.filters) as Dimension[]), ...restricted, ...(query.byStdAgeGroup ? ['stdAgeGroup' as const] : [])];
  const grain: Grain = query.period === 'all' ? 'year' : query.period;
  const table = CELL_TABLES.find((t) => t.grain === grain && needed.every((d) => t.dimensions.includes(d)) && current(t.table));
  return table && { kind: 'cells', table: table.table };
}

/** Which cell tables a load builds: the yearly ones always, the quarterly ones when asked. */
export interface CellOptions {
  quarters: boolean;
}

const tablesBuilt = ({ quarters }: CellOptions): CellTable[] => CELL_TABLES.filter((t) => t.grain === 'year' || quarters);

/** Builds the cell tables in `schema` (the load passes wh.mart) from its person rows. */
export async function buildMeasureCells(db: Database, measures: MeasureDefinition[], schema: string, options: CellOptions): Promise<void> {
  // A top share's heap must hold the largest group's top share: the largest group per stratifier.
  const limits: Record<string, number> = {};
  for (const d of ['', ...DIMENSION_NAMES] as const) {
    const [{ largest }] = await db.query<{ largest: number }>(
      `SELECT max(n)::BIGINT AS largest FROM (SELECT count(*) AS n FROM ${schema}.${martTable('year')} GROUP BY period_start${d ? `, ${DIMENSIONS[d]}` : ''})`);
    limits[d] = Number(largest ?? 0);
  }
  for (const sql of measureCellsSql(measures, schema, limits, options)) await db.run(sql);
}

/** The statements that build the cell tables; `groupSizes` holds the largest yearly group per stratifier ('' for none). */
export function measureCellsSql(measures: MeasureDefinition[], schema: string, groupSizes: Record<string, number>, options: CellOptions): string[] {
  const additive = measures.filter((m): m is AdditiveMeasure => m.kind !== 'top-share');
  const tables = tablesBuilt(options);
  const statements = tables.flatMap(({ table, grain, dimensions }) => [
    `CREATE TABLE ${schema}.${table} (measure_id VARCHAR, period_start DATE,
       ${dimensions.map((d) => `${DIMENSIONS[d]} VARCHAR`).join(', ')},
       ${CELL_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
    // Measures with the same population share one pass over the person rows (one wide GROUP BY), then
    // each measure's columns go to the cell table in an INSERT of its own, keeping its cells together
    // so a query skips the others' row groups.
    ...byPopulation(measuresOf(grain, additive)).flatMap(([population, group]) => [
      `CREATE OR REPLACE TEMP TABLE cells_pass AS
       SELECT period_start, ${dimensions.map((d) => DIMENSIONS[d]).join(', ')},
              ${group.flatMap((m, j) => additiveColumns(m).map((c) => `${c.sql} AS m${j}_${c.name}`)).join(',\n              ')}
       FROM ${schema}.${martTable(grain)} WHERE ${population} GROUP BY ALL`,
      ...group.map((m, j) => {
        const column = (name: string) => (m.kind === 'ratio' || !RATIO_ONLY.includes(name) ? `m${j}_${name}` : 'NULL');
        return `INSERT INTO ${schema}.${table}
          SELECT ${quoteLiteral(m.id)}, period_start, ${dimensions.map((d) => DIMENSIONS[d]).join(', ')}, ${CELL_COLUMNS.map(([name]) => column(name)).join(', ')}
          FROM cells_pass`;
      }),
    ]),
    'DROP TABLE IF EXISTS cells_pass',
  ]);
  const topShares = measures.filter((m) => m.kind === 'top-share');
  statements.push(
    `CREATE TABLE ${schema}.${TOP_SHARE_TABLE} (measure_id VARCHAR, dimension VARCHAR, stratum VARCHAR, period_start DATE,
       numerator DOUBLE, denominator DOUBLE, ${TOP_SHARE_COLUMNS})`,
    ...topShares.flatMap((m) => ['' as const, ...DIMENSION_NAMES].map((d) => {
      const { sql } = topShareByHeapSql({ measure: m, period: 'year', by: d ? [d] : [], filters: {} }, m.fraction * (groupSizes[d] ?? 0), schema);
      return `INSERT INTO ${schema}.${TOP_SHARE_TABLE}
        SELECT ${quoteLiteral(m.id)}, ${quoteLiteral(d)}, ${d ? 'stratum0' : 'NULL'}, period_key, numerator, denominator, ${TOP_SHARE_VALUES}
        FROM (${sql})`;
    })),
    `CREATE TABLE ${schema}.${TOP_SHARE_PAIR_TABLE} (measure_id VARCHAR, dimension0 VARCHAR, dimension1 VARCHAR, stratum0 VARCHAR, stratum1 VARCHAR,
       period_start DATE, numerator DOUBLE, denominator DOUBLE, ${TOP_SHARE_COLUMNS})`,
    ...topShares.flatMap((m) => DIMENSION_PAIRS.map(([a, b]) => {
      // A pair's group lies inside a group of each of its dimensions, so it is no larger than the smaller of their largest.
      const largest = Math.min(groupSizes[a] ?? 0, groupSizes[b] ?? 0);
      const { sql } = topShareByHeapSql({ measure: m, period: 'year', by: [a, b], filters: {} }, m.fraction * largest, schema);
      return `INSERT INTO ${schema}.${TOP_SHARE_PAIR_TABLE}
        SELECT ${quoteLiteral(m.id)}, ${quoteLiteral(a)}, ${quoteLiteral(b)}, stratum0, stratum1, period_key, numerator, denominator, ${TOP_SHARE_VALUES}
        FROM (${sql})`;
    })),
    `CREATE TABLE ${schema}.${CATALOG_TABLE} (cell_table VARCHAR, measure_id VARCHAR, definition_hash VARCHAR)`,
    `INSERT INTO ${schema}.${CATALOG_TABLE} VALUES ${[
      ...tables.flatMap(({ table, grain }) => measuresOf(grain, additive).map((measure) => ({ table, measure }))),
      ...topShares.flatMap((measure) => [TOP_SHARE_TABLE, TOP_SHARE_PAIR_TABLE].map((table) => ({ table, measure }))),
    ].map(({ table, measure }) => `(${quoteLiteral(table)}, ${quoteLiteral(measure.id)}, ${quoteLiteral(definitionHash(measure, table))})`).join(', ')}`,
  );
  return statements;
}

/** The cells a warehouse holds (read once per open warehouse; empty for one built before cells existed). */
export const measureCellCatalog: (db: Database) => Promise<CellCatalog> = perDatabase(readCatalog);

async function readCatalog(db: Database): Promise<CellCatalog> {
  const catalog: CellCatalog = new Map();
  const [{ present }] = await db.query<{ present: boolean }>(
    `SELECT count(*) > 0 AS present FROM information_schema.tables WHERE table_schema = 'mart' AND table_name = $1`, [CATALOG_TABLE]);
  if (!present) return catalog;
  const rows = await db.query<{ cell_table: string; measure_id: string; definition_hash: string }>(`SELECT * FROM mart.${CATALOG_TABLE}`);
  for (const r of rows) {
    const table = catalog.get(r.cell_table) ?? new Map<string, string>();
    table.set(r.measure_id, r.definition_hash);
    catalog.set(r.cell_table, table);
  }
  return catalog;
}

/** Everything that decides a measure's cells: its SQL text, the table's dimensions and the layout. */
function definitionHash(m: MeasureDefinition, table: string): string {
  const dimensions = CELL_TABLES.find((t) => t.table === table)?.dimensions ?? DIMENSION_NAMES;
  const { id: _id, title: _t, description: _d, source: _s, notes: _n, departures: _dp, stratifiers: _st, direction: _dir, unit: _u, ...sql } = m;
  return createHash('sha256').update(JSON.stringify({ CELLS_FORMAT, sql, dimensions: dimensions.map((d) => DIMENSIONS[d]) })).digest('hex').slice(0, 16);
}
