// The PostgreSQL dialect against a real PostgreSQL 15: a small warehouse's marts and measure cells
// copied into a throwaway cluster, and every measure's SQL (person rows and cells, as the golden
// snapshots show it) plus the other query shapes giving DuckDB's answer row for row, in DuckDB's order.
// The bench smoke test runs the bench's six person-row queries too; this one covers the catalog.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMeasureSql, type MeasureQuery } from '../../core/measures/build-measure-sql.ts';
import { findMeasure, MEASURES } from '../../core/measures/catalog.ts';
import { measureCellCatalog, type CellCatalog } from '../../core/measures/measure-cells.ts';
import { crossTableQuery } from '../../core/measures/run-measure.ts';
import { openDatabase, type Database, type SqlValue } from '../../core/warehouse/database.ts';
import { duckdbDialect } from '../../core/warehouse/dialect/duckdb.ts';
import { postgresDialect } from '../../core/warehouse/dialect/postgres.ts';
import { copyTables, findPgBin, startPgCluster, type PgCluster } from '../../bench/pg-cluster.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Row = Record<string, unknown>;

const bin = await findPgBin();
if (!bin) console.warn('postgres-dialect: skipped, no PostgreSQL binaries (install postgresql-15 or set POPSIGHT_PG_BIN to the folder holding initdb and pg_ctl)');

/** A small cluster: the tables hold a few thousand rows. */
const SETTINGS = ['shared_buffers=64MB', 'work_mem=16MB', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
const TABLES = ['person_year', 'person_quarter', 'measure_cells_demographic', 'measure_cells_organization', 'measure_cells_demographic_quarter',
  'measure_cells_organization_quarter', 'top_share_cells', 'top_share_pair_cells'];

describe.skipIf(!bin)('measure SQL in the PostgreSQL dialect on PostgreSQL 15', () => {
  let built: TestWarehouse;
  let db: Database;
  let cluster: PgCluster;
  let client: pg.Client;
  let cells: CellCatalog;
  let payer: string;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 300, seed: 12, quarterCells: 'always' }); // the quarter cells are compared too
    db = await openDatabase(built.warehouse, { readOnly: true });
    cells = await measureCellCatalog(db);
    [{ payer }] = await db.query<{ payer: string }>('SELECT payer FROM mart.person_year GROUP BY payer ORDER BY count(*) DESC, payer LIMIT 1');
    cluster = await startPgCluster(bin!, () => undefined, SETTINGS);
    client = new pg.Client({ host: '127.0.0.1', port: cluster.port, user: cluster.user, database: 'postgres' });
    await client.connect();
    await copyTables(db, client, cluster, TABLES.map((t) => `mart.${t}`), () => undefined);
  }, 240_000);
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await cluster?.stop();
    db?.close();
    built?.remove();
  });

  /** Runs `query` in both dialects; PostgreSQL must give DuckDB's rows, columns and order. */
  async function expectSameAnswer(query: MeasureQuery, withCells: boolean): Promise<number> {
    const duck = buildMeasureSql(query, withCells ? cells : undefined, duckdbDialect);
    const post = buildMeasureSql(query, withCells ? cells : undefined, postgresDialect);
    expect(post.values).toEqual(duck.values);
    const expected = await db.query<Row>(duck.sql, duck.values as SqlValue[]);
    const actual = (await client.query(post.sql, post.values)).rows as Row[];
    const label = `${query.measure.id} ${query.period} by ${query.by.join(' × ')}${withCells ? ' (cells)' : ''}`;
    expect(actual.length, label).toBe(expected.length);
    expected.forEach((row, i) => {
      const other = actual[i]!;
      expect(Object.keys(other), label).toEqual(Object.keys(row));
      for (const [column, value] of Object.entries(row)) {
        // PostgreSQL's bigint arrives as a string; doubles are summed in other orders (1e-9 relative).
        if (typeof value === 'number') {
          const difference = Math.abs(Number(other[column]) - value);
          expect(difference, `${label} row ${i} ${column}: ${other[column]} against ${value}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
        } else expect(other[column], `${label} row ${i} ${column}`).toEqual(value);
      }
    });
    return expected.length;
  }

  it('gives DuckDB\'s answer for every measure of the catalog, over person rows (one filter) and over cells', async () => {
    for (const measure of MEASURES) {
      const query: MeasureQuery = { measure, period: 'year', by: ['sex'], filters: { payer } };
      expect(await expectSameAnswer(query, false), `${measure.id}: no rows`).toBeGreaterThan(0);
      const { crossTable } = crossTableQuery(query);
      expect(await expectSameAnswer(crossTable, true), `${measure.id}: no cells`).toBeGreaterThan(0);
    }
  });

  it('gives DuckDB\'s answer for the other query shapes: quarters (person rows and cells), the whole span, age groups, a stored pair the other way round', async () => {
    const rate = findMeasure('diabetes-incidence')!;
    const ratio = findMeasure('cost-pmpm')!;
    const topShare = findMeasure('top-5-percent-cost-share')!;
    const shapes: [MeasureQuery, boolean][] = [
      [{ measure: rate, period: 'quarter', by: ['ageBand', 'race'], filters: {} }, false],
      [{ measure: rate, period: 'quarter', by: ['ageBand', 'race'], filters: {} }, true],
      [{ measure: ratio, period: 'quarter', by: ['organization'], filters: { sex: 'F' } }, true],
      [{ measure: topShare, period: 'quarter', by: ['county'], filters: {} }, false],
      [{ measure: ratio, period: 'all', by: ['payer'], filters: {} }, true],
      [{ measure: ratio, period: 'all', by: ['county'], filters: {} }, false],
      [{ measure: rate, period: 'year', by: ['sex'], filters: {}, byStdAgeGroup: true }, true],
      [{ measure: topShare, period: 'year', by: [], filters: {} }, true],
      [{ measure: topShare, period: 'year', by: ['race', 'sex'], filters: {} }, true],
      [{ measure: ratio, period: 'year', by: ['organization'], filters: { sex: 'F' } }, true],
    ];
    for (const [query, withCells] of shapes) expect(await expectSameAnswer(query, withCells)).toBeGreaterThan(0);
  });
});
