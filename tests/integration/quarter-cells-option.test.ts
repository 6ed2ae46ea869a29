// The load's choice of quarterly measure cells (--quarter-cells, pipelines/marts/quarter-cells.ts):
// a small population in `auto` gets no quarterly cell tables and answers every quarterly request from
// its person rows exactly as an `always` load of the same extract answers it from its cells; `always`
// and `never` are honored, also when appending; a bad choice is refused naming the option and the
// allowed values, by the pipeline and by the command.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../cli/start-server.ts';
import { MEASURES } from '../../core/measures/catalog.ts';
import { cellsFor, measureCellCatalog, type CellCatalog } from '../../core/measures/measure-cells.ts';
import { runMeasure } from '../../core/measures/run-measure.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { generatePopulation } from '../../generator/index.ts';
import { loadExtract } from '../../pipelines/load.ts';
import type { QuarterCells } from '../../pipelines/marts/quarter-cells.ts';
import { copyOfNj27, halfOfNj27 } from '../helpers/extract-fixtures.ts';
import { publishedDifferences, REQUEST_SHAPES } from '../helpers/published-answers.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const QUARTER_TABLES = ['measure_cells_demographic_quarter', 'measure_cells_organization_quarter'];
const ADMISSIONS = MEASURES.find((m) => m.id === 'inpatient-admissions-per-1000')!;

const dir = mkdtempSync(join(tmpdir(), 'popsight-quarter-cells-'));
const load = (source: string, warehouse: string, quarterCells?: QuarterCells) =>
  loadExtract({ source, warehouse: join(dir, warehouse), secretsFile: join(dir, 'key'), quarterCells }, quietLoadDeps);

async function withWarehouse<T>(name: string, read: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(join(dir, name), { readOnly: true });
  try {
    return await read(db);
  } finally {
    db.close();
  }
}

/** The mart tables whose name holds `_quarter` besides the person rows. */
const quarterTables = (db: Database) =>
  db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'mart' AND table_name LIKE 'measure_cells%quarter' ORDER BY 1`)
    .then((rows) => rows.map((r) => r.name));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a small population', () => {
  let auto: Database;
  let always: Database;
  let autoCells: CellCatalog;
  let alwaysCells: CellCatalog;

  beforeAll(async () => {
    const extract = join(dir, 'synthea');
    await generatePopulation({ people: 1_000, seed: 3, outDir: extract });
    await load(extract, 'auto.duckdb'); // no choice given: auto
    await load(extract, 'always.duckdb', 'always');
    auto = await openDatabase(join(dir, 'auto.duckdb'), { readOnly: true });
    always = await openDatabase(join(dir, 'always.duckdb'), { readOnly: true });
    [autoCells, alwaysCells] = await Promise.all([measureCellCatalog(auto), measureCellCatalog(always)]);
  }, 400_000);
  afterAll(() => {
    auto?.close();
    always?.close();
  });

  it('gets no quarterly cell tables in auto, and both with always; the yearly cells either way', async () => {
    expect(await quarterTables(auto)).toEqual([]);
    expect(await quarterTables(always)).toEqual(QUARTER_TABLES);
    for (const table of QUARTER_TABLES) {
      expect(autoCells.has(table)).toBe(false);
      expect(alwaysCells.get(table)?.has(ADMISSIONS.id)).toBe(true);
    }
    expect([...autoCells.keys()].sort()).toEqual([...alwaysCells.keys()].filter((t) => !QUARTER_TABLES.includes(t)).sort());
  });

  // Both loads read the same extract with the same pseudonym key: the same people, record keys and
  // noise. One measure of each additive kind, and a cost one (tests/integration/measure-cells.test.ts
  // compares every measure's cells with its person rows within one warehouse).
  it('publishes each kind of quarterly request from person rows as the always load publishes it from its cells', async () => {
    const quarterly = MEASURES.filter((m) => m.kind !== 'top-share' && m.periods.includes('quarter'));
    const oneOfEachKind = [...new Map(quarterly.map((m) => [m.kind, m])).values()];
    expect(oneOfEachKind.map((m) => m.kind).sort()).toEqual(['proportion', 'rate', 'ratio']);
    for (const measure of [...oneOfEachKind, ADMISSIONS, MEASURES.find((m) => m.id === 'cost-pmpm')!]) {
      for (const { by, filters = {}, ...options } of REQUEST_SHAPES) {
        const query = { measure, period: 'quarter' as const, by, filters };
        const label = `${measure.id} by ${by} ${JSON.stringify(filters)} ${JSON.stringify(options)}`;
        expect(cellsFor({ ...query, byStdAgeGroup: options.adjustAge }, autoCells), label).toBeUndefined();
        const fromPeople = await runMeasure(auto, query, options);
        const fromCells = await runMeasure(always, query, options);
        expect(fromPeople.length, label).toBeGreaterThan(0);
        expect(publishedDifferences(fromPeople, fromCells), label).toEqual([]);
      }
    }
    // The always load did answer from its cells where they hold the request.
    expect(cellsFor({ measure: ADMISSIONS, period: 'quarter', by: ['sex'], filters: {} }, alwaysCells)?.table).toBe('measure_cells_demographic_quarter');
  }, 600_000);

  it('counts each quarter\'s admissions as its person rows hold them (exact counts, counted here)', async () => {
    const rows = await runMeasure(auto, { measure: ADMISSIONS, period: 'quarter', by: [], filters: {} }, { exactCounts: true });
    const counted = new Map((await auto.query<{ period: string; admissions: number }>(
      `SELECT strftime(period_start, '%Y') || '-Q' || quarter(period_start) AS period, sum(inpatient_admits)::DOUBLE AS admissions
       FROM mart.person_quarter GROUP BY 1`)).map((r) => [r.period, r.admissions]));
    expect(rows.map((r) => r.period)).toEqual([...counted.keys()].sort());
    // A quarter with 1–10 admitted people is suppressed; every other one is published exactly.
    const published = rows.filter((r) => r.numerator !== null);
    expect(published.length).toBeGreaterThan(rows.length / 2);
    for (const row of published) expect(row.numerator, String(row.period)).toBe(counted.get(String(row.period)));
  });

  it('serves the same quarterly view from both warehouses', async () => {
    const servers = await Promise.all(['auto.duckdb', 'always.duckdb'].map((name) => startServer({ warehouse: join(dir, name), port: 0, host: '127.0.0.1' })));
    try {
      for (const view of ['/api/measures/inpatient-admissions-per-1000?period=quarter&by=sex&adjust=age', '/api/measures/cost-pmpm?period=quarter&by=payer']) {
        const [fromPeople, fromCells] = await Promise.all(servers.map(async (server) => {
          const response = await fetch(`${server.url}${view}`);
          expect(response.status, view).toBe(200);
          return ((await response.json()) as { rows: unknown[] }).rows;
        }));
        expect(fromPeople!.length).toBeGreaterThan(8);
        expect(publishedDifferences(fromPeople, fromCells), view).toEqual([]);
      }
    } finally {
      for (const server of servers) await server.close();
    }
  });
});

describe('appended loads', () => {
  const first = halfOfNj27((line) => line <= 14);
  const second = halfOfNj27((line) => line > 14);

  beforeAll(async () => {
    await load(first, 'kept.duckdb', 'always');
    copyFileSync(join(dir, 'kept.duckdb'), join(dir, 'dropped.duckdb'));
    await load(second, 'kept.duckdb'); // auto, onto a warehouse that holds them
    await load(second, 'dropped.duckdb', 'never');
  }, 600_000);

  it('keeps the quarterly cells in auto when the warehouse held them, updated to the whole population', async () => {
    await withWarehouse('kept.duckdb', async (db) => {
      expect(await quarterTables(db)).toEqual(QUARTER_TABLES);
      // Each quarter's people and admissions in the cells, as the person rows of both extracts hold them (counted here).
      const fromCells = await db.query(
        `SELECT period_start::VARCHAR AS quarter, sum(denominator_people)::INTEGER AS people, sum(numerator)::DOUBLE AS admissions
         FROM mart.measure_cells_demographic_quarter WHERE measure_id = $1 GROUP BY 1 ORDER BY 1`, [ADMISSIONS.id]);
      const counted = await db.query(
        `SELECT period_start::VARCHAR AS quarter, count(*)::INTEGER AS people, sum(inpatient_admits)::DOUBLE AS admissions
         FROM mart.person_quarter GROUP BY 1 ORDER BY 1`);
      expect(fromCells).toEqual(counted);
      const [{ people }] = await db.query<{ people: number }>('SELECT count(DISTINCT person_id)::INTEGER AS people FROM mart.person_quarter');
      expect(people).toBe(27);
    });
  });

  it('drops them when the appended load says never', async () => {
    await withWarehouse('dropped.duckdb', async (db) => {
      expect(await quarterTables(db)).toEqual([]);
      expect((await measureCellCatalog(db)).has(QUARTER_TABLES[0]!)).toBe(false);
      const [{ people }] = await db.query<{ people: number }>('SELECT count(*)::INTEGER AS people FROM core.person');
      expect(people).toBe(27);
    });
  });
});

describe('a bad choice', () => {
  it('is refused by the pipeline, naming the option and the allowed values, before anything is written', async () => {
    const warehouse = join(dir, 'refused.duckdb');
    await expect(loadExtract({ source: copyOfNj27(), warehouse, secretsFile: join(dir, 'key'), quarterCells: 'sometimes' as QuarterCells }, quietLoadDeps))
      .rejects.toThrow('quarterCells must be one of auto, always, never (got "sometimes")');
    expect(existsSync(warehouse)).toBe(false);
  });

  it('is refused by popsight load, naming --quarter-cells and the allowed values', async () => {
    const warehouse = join(dir, 'refused-cli.duckdb');
    const { code, stderr } = await runPopsight(['load', copyOfNj27(), '--warehouse', warehouse, '--quarter-cells', 'sometimes']);
    expect(code).toBe(1);
    expect(stderr).toContain("option '--quarter-cells <when>' argument 'sometimes' is invalid. Allowed choices are auto, always, never.");
    expect(existsSync(warehouse)).toBe(false);
  });
});
