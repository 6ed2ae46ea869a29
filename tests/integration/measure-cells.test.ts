import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { buildMeasureSql, type MeasureQuery } from '../../core/measures/build-measure-sql.ts';
import { MEASURES } from '../../core/measures/catalog.ts';
import type { MeasureDefinition } from '../../core/measures/measure-definition.ts';
import type { Dimension } from '../../core/measures/dimensions.ts';
import { CELL_TABLES, cellsFor, DIMENSION_PAIRS, measureCellCatalog, TOP_SHARE_PAIR_TABLE, TOP_SHARE_TABLE, type CellCatalog } from '../../core/measures/measure-cells.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { publishedDifferences, REQUEST_SHAPES } from '../helpers/published-answers.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Row = Record<string, unknown>;

// The pre-aggregated cells must give exactly the answers the person rows give, for every measure.
describe('measure cells', () => {
  let built: TestWarehouse;
  let db: Database;
  let catalog: CellCatalog;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 1_500, seed: 11, quarterCells: 'always' });
    db = await openDatabase(built.warehouse, { readOnly: true });
    catalog = await measureCellCatalog(db);
  }, 240_000);
  afterAll(() => {
    db?.close();
    built?.remove();
  });

  /** Runs `query` from cells and from person rows; checks cells were used, and that both agree cell by cell. */
  async function expectSameFromCells(query: MeasureQuery, table: string) {
    expect(cellsFor(query, catalog)?.table, `${query.measure.id} by ${query.by}`).toBe(table);
    const fromCells = await db.query<Row>(buildMeasureSql(query, catalog).sql, buildMeasureSql(query, catalog).values as string[]);
    const fromPeople = await db.query<Row>(buildMeasureSql(query).sql, buildMeasureSql(query).values as string[]);
    expect(fromCells.length).toBeGreaterThan(0);
    expect(fromCells.length).toBe(fromPeople.length);
    const keyOf = (r: Row) => JSON.stringify([r.period, r.stratum0, r.stratum1, r.stratum2, r.age_group]);
    const people = new Map(fromPeople.map((r) => [keyOf(r), r]));
    for (const cell of fromCells) {
      const person = people.get(keyOf(cell));
      expect(person, keyOf(cell)).toBeDefined();
      for (const column of ['numerator_people', 'denominator_people', 'n']) expect(cell[column], column).toEqual(person![column]);
      for (const column of ['numerator', 'denominator', 'sum_yy', 'sum_xx', 'sum_xy']) {
        if (person![column] === undefined) continue;
        // Sums of doubles added in another order: equal to 12 significant digits.
        const [a, b] = [Number(cell[column] ?? 0), Number(person![column] ?? 0)];
        expect(Math.abs(a - b), `${query.measure.id} ${column} ${keyOf(cell)}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
      }
    }
  }

  const shapes: { by: Dimension[]; period: 'year' | 'all'; byStdAgeGroup?: boolean; table: string }[] = [
    { by: [], period: 'year', table: CELL_TABLES[0]!.table },
    { by: ['sex'], period: 'year', table: CELL_TABLES[0]!.table },
    { by: ['county', 'race'], period: 'year', table: CELL_TABLES[0]!.table },
    { by: ['zip3', 'payer', 'ethnicity'], period: 'year', table: CELL_TABLES[0]!.table },
    { by: ['ageBand'], period: 'all', byStdAgeGroup: true, table: CELL_TABLES[0]!.table },
    { by: ['organization', 'sex'], period: 'year', table: CELL_TABLES[1]!.table },
  ];

  it.each(MEASURES.filter((m) => m.kind !== 'top-share').map((m) => [m.id, m] as const))('%s: cells give the person-row answer', async (_id, measure) => {
    for (const shape of shapes) await expectSameFromCells({ measure, filters: {}, ...shape }, shape.table);
  });

  it('top shares: the whole population and every single stratifier come from cells, exactly', async () => {
    for (const measure of MEASURES.filter((m) => m.kind === 'top-share')) {
      for (const by of [[], ['sex'], ['ageBand'], ['zip3'], ['organization'], ['stdAgeGroup']] as Dimension[][]) {
        await expectSameFromCells({ measure, period: 'year', by, filters: {} }, TOP_SHARE_TABLE);
      }
      // Three stratifiers or a whole-range period do not add up from stored shares: person rows.
      expect(cellsFor({ measure, period: 'year', by: ['sex', 'race', 'payer'], filters: {} }, catalog)).toBeUndefined();
      expect(cellsFor({ measure, period: 'all', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
    }
  });

  // A request by one stratifier with one filter is judged as the pair (runMeasure's cross-table).
  it('top shares: every pair of stratifiers, in either order, comes from cells, exactly', async () => {
    for (const measure of MEASURES.filter((m) => m.kind === 'top-share')) {
      expect(DIMENSION_PAIRS).toHaveLength(36);
      for (const [a, b] of DIMENSION_PAIRS) await expectSameFromCells({ measure, period: 'year', by: [a, b], filters: {} }, TOP_SHARE_PAIR_TABLE);
      for (const [a, b] of [['race', 'sex'], ['organization', 'ageBand'], ['zip3', 'county']] as Dimension[][]) {
        await expectSameFromCells({ measure, period: 'year', by: [a!, b!], filters: {} }, TOP_SHARE_PAIR_TABLE);
      }
    }
  });

  // Quarters: the published answer (perturbed counts, estimates, CIs, suppression; age adjustment
  // and exact counts too) must be the same whether the cells or the person rows give it
  // (publishedDifferences: counts exact, fractions to a relative 1e-9).
  const finer = (['quarter'] as const).flatMap((period) => MEASURES
    .filter((m) => m.kind !== 'top-share' && m.periods.includes(period))
    .map((m) => [`${m.id} by ${period}`, m, period] as const));
  it('holds quarter cells for every additive measure defined for quarters, none for a yearly one, none by month', () => {
    expect(finer.length).toBeGreaterThan(20);
    for (const [, measure, period] of finer) {
      expect(cellsFor({ measure, period, by: ['sex'], filters: {} }, catalog)?.table).toBe(`measure_cells_demographic_${period}`);
      expect(cellsFor({ measure, period, by: ['organization'], filters: {} }, catalog)?.table).toBe(`measure_cells_organization_${period}`);
    }
    const yearly = MEASURES.find((m) => m.id === 'hba1c-control')!;
    expect(yearly.periods).not.toContain('quarter');
    expect(catalog.get('measure_cells_demographic_quarter')?.has(yearly.id)).toBe(false);
    expect(cellsFor({ measure: yearly, period: 'quarter', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
    expect(cellsFor({ measure: finer[0]![1], period: 'month', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
  });

  /** Every request shape of `measure` by `period` publishes the same answer from `tables` as from person rows. */
  async function expectSamePublished(measure: MeasureDefinition, period: 'year' | 'quarter', tables: RegExp) {
    for (const { by, filters = {}, ...options } of REQUEST_SHAPES) {
      const query: MeasureQuery = { measure, period, by, filters };
      expect(cellsFor({ ...query, byStdAgeGroup: options.adjustAge }, catalog)?.table, `${by}`).toMatch(tables);
      const fromCells = await runMeasure(db, query, options);
      const fromPeople = await runMeasure(db, query, { ...options, personRows: true });
      expect(fromCells.length, `${by}`).toBeGreaterThan(0);
      expect(fromCells.length).toBe(fromPeople.length);
      expect(publishedDifferences(fromCells, fromPeople), `${measure.id} ${period} by ${by} ${JSON.stringify(options)}`).toEqual([]);
    }
  }

  // Cost measures included: an age-adjusted rate rounds summed dollars, which often land on .50
  // cents exactly, so the rounding must not depend on the order of addition (round-summed-amount.ts).
  it.each(finer)('%s: every stratifier publishes the same answer from cells as from person rows', async (_name, measure, period) => {
    await expectSamePublished(measure, period, new RegExp(`^measure_cells_\\w+_${period}$`));
  });

  // The yearly cells, published the same way (the SQL comparison above checks their sums, not what is published).
  it.each(MEASURES.filter((m) => m.kind !== 'top-share').map((m) => [m.id, m] as const))('%s by year: every stratifier publishes the same answer from cells as from person rows', async (_id, measure) => {
    await expectSamePublished(measure, 'year', /^measure_cells_(demographic|organization)$/);
  });

  it('reads person rows for what the cells cannot answer', () => {
    const measure = MEASURES.find((m) => m.id === 'diabetes-prevalence')!;
    expect(cellsFor({ measure, period: 'month', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
    expect(cellsFor({ measure, period: 'quarter', by: ['organization', 'race'], filters: {} }, catalog)).toBeUndefined();
    expect(cellsFor({ measure, period: 'year', by: ['organization', 'race'], filters: {} }, catalog)).toBeUndefined();
    expect(cellsFor({ measure, period: 'year', by: ['sex'], filters: {}, cohort: { sql: 'SELECT 1', values: [] } }, catalog)).toBeUndefined();
  });

  it('falls back to person rows when a definition changed after the load', () => {
    const measure = MEASURES.find((m) => m.id === 'diabetes-prevalence')!;
    expect(cellsFor({ measure, period: 'year', by: ['sex'], filters: {} }, catalog)).toBeDefined();
    const changed = { ...measure, population: 'age >= 18' };
    expect(cellsFor({ measure: changed, period: 'year', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
    expect(cellsFor({ measure, period: 'year', by: ['sex'], filters: {} }, new Map())).toBeUndefined();
  });

  // The server's path: a copy of the warehouse with no quarterly person rows left still answers a
  // quarterly request the cells hold exactly as the full warehouse does, so it read the cells.
  it('serves a quarterly request from the quarter cells', async () => {
    const emptied = join(built.dir, 'no-quarter-rows.duckdb');
    copyFileSync(built.warehouse, emptied);
    const writable = await openDatabase(emptied);
    await writable.run('DELETE FROM mart.person_quarter');
    writable.close();
    const servers: RunningServer[] = [];
    try {
      for (const warehouse of [built.warehouse, emptied]) servers.push(await startServer({ warehouse, port: 0, host: '127.0.0.1' }));
      const rows = async (server: RunningServer, path: string) => {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        return ((await response.json()) as { rows: Row[] }).rows;
      };
      const view = '/api/measures/inpatient-admissions-per-1000?period=quarter&by=sex&adjust=age';
      const full = await rows(servers[0]!, view);
      expect(full.length).toBeGreaterThan(8);
      expect(await rows(servers[1]!, view)).toEqual(full);
      // What the cells do not hold (organization × race) reads the person rows: nothing left in the copy.
      const fine = '/api/measures/inpatient-admissions-per-1000?period=quarter&by=organization,race';
      expect((await rows(servers[0]!, fine)).some((r) => typeof r.rate === 'number')).toBe(true);
      expect((await rows(servers[1]!, fine)).some((r) => typeof r.rate === 'number')).toBe(false);
    } finally {
      for (const server of servers) await server.close();
    }
  });
});
