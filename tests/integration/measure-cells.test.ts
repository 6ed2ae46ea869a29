import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeasureSql, type MeasureQuery } from '../../core/measures/build-measure-sql.ts';
import { MEASURES } from '../../core/measures/catalog.ts';
import type { Dimension } from '../../core/measures/dimensions.ts';
import { CELL_TABLES, cellsFor, DIMENSION_PAIRS, measureCellCatalog, TOP_SHARE_PAIR_TABLE, TOP_SHARE_TABLE, type CellCatalog } from '../../core/measures/measure-cells.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Row = Record<string, unknown>;

// The pre-aggregated cells must give exactly the answers the person rows give, for every measure.
describe('measure cells', () => {
  let built: TestWarehouse;
  let db: Database;
  let catalog: CellCatalog;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 1_500, seed: 11 });
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

  it('reads person rows for what the cells cannot answer', () => {
    const measure = MEASURES.find((m) => m.id === 'diabetes-prevalence')!;
    expect(cellsFor({ measure, period: 'month', by: ['sex'], filters: {} }, catalog)).toBeUndefined();
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
});
