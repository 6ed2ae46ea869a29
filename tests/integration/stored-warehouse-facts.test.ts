// The warehouse facts stored at load (etl.population_fact, etl.dimension_value_people): equal to the
// people counted here from the warehouse's own rows, read by the server without a scan of the person
// rows, and a warehouse loaded before them (the tables dropped) still answering /api/meta and
// /api/dimensions exactly as one that has them.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { dimensionValues, warehouseMeta } from '../../core/warehouse/warehouse-facts.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';
import { independentDimensionValuePeople, independentPopulation, storedDimensionValuePeople } from '../helpers/independent-facts.ts';

/** The statements a fresh Database object on `file` runs to give both facts, exact and protected. */
async function factStatements(file: string): Promise<string[]> {
  const inner = await openDatabase(file, { readOnly: true });
  const statements: string[] = [];
  const recording: Database = { ...inner, query: (sql, values = [], options) => (statements.push(sql), inner.query(sql, values, options)) };
  try {
    await Promise.all([warehouseMeta(recording), dimensionValues(recording), dimensionValues(recording, { exactCounts: true })]);
  } finally {
    inner.close();
  }
  return statements;
}

describe('warehouse facts stored at load', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'popsight-stored-facts-'));
  const oldStyle = join(scratch, 'old-style.duckdb');
  let built: TestWarehouse;
  let db: Database;

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 1_500, seed: 23 });
    db = await openDatabase(built.warehouse, { readOnly: true });
    // A warehouse as an earlier version loaded it: the same rows without the stored facts.
    copyFileSync(built.warehouse, oldStyle);
    const old = await openDatabase(oldStyle);
    await old.run('DROP TABLE etl.population_fact');
    await old.run('DROP TABLE etl.dimension_value_people');
    old.close();
  }, 240_000);
  afterAll(() => {
    db?.close();
    built?.remove();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('stores the population with its key sum and the exact distinct people of every dimension value', async () => {
    const [stored] = await db.query<{ people: number; key_sum: number }>('SELECT people, key_sum FROM etl.population_fact');
    expect({ people: Number(stored!.people), key_sum: Number(stored!.key_sum) }).toEqual(await independentPopulation(db));
    const expected = await independentDimensionValuePeople(db);
    expect(await storedDimensionValuePeople(db)).toEqual(expected);
    // The test population has rare values on both sides of the threshold, so the listing below decides something.
    expect(expected.some((r) => r.people >= 1 && r.people <= 10)).toBe(true);
    expect(expected.some((r) => r.people >= 11)).toBe(true);
  });

  it('reads the stored facts without a scan of the person rows; a warehouse without them counts over its rows', async () => {
    const personRows = /\b(mart\.person_year|core\.person)\b/;
    const stored = await factStatements(built.warehouse);
    expect(stored.filter((sql) => personRows.test(sql)), stored.join('\n')).toEqual([]);
    const computed = await factStatements(oldStyle);
    expect(computed.filter((sql) => personRows.test(sql)).length).toBeGreaterThan(0);
  });

  it('answers /api/meta and /api/dimensions the same from a warehouse loaded before the stored facts, below admin and with exact counts', async () => {
    const servers: RunningServer[] = [];
    try {
      for (const [name, warehouse] of [['new', built.warehouse], ['old', oldStyle]] as const) {
        servers.push(await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(scratch, `${name}-viewer`) }));
        servers.push(await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(scratch, `${name}-admin`), exactCounts: true }));
      }
      const [newViewer, newAdmin, oldViewer, oldAdmin] = servers as [RunningServer, RunningServer, RunningServer, RunningServer];
      const body = async (server: RunningServer, path: string) => {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        return response.json();
      };
      for (const path of ['/api/meta', '/api/dimensions']) {
        expect(await body(oldViewer, path), path).toEqual(await body(newViewer, path));
        expect(await body(oldAdmin, path), path).toEqual(await body(newAdmin, path));
      }
      // And both are the counts made here: every value with exact counts, those of 11 or more people otherwise.
      const people = await independentDimensionValuePeople(db);
      const listed = await body(newViewer, '/api/dimensions');
      const all = await body(newAdmin, '/api/dimensions');
      for (const name of new Set(people.map((r) => r.dimension))) {
        const values = people.filter((r) => r.dimension === name);
        expect([...all[name]].sort(), name).toEqual(values.map((r) => r.value).sort());
        expect([...listed[name]].sort(), name).toEqual(values.filter((r) => r.people >= 11).map((r) => r.value).sort());
      }
      expect((await body(newAdmin, '/api/meta')).people).toBe((await independentPopulation(db)).people);
    } finally {
      for (const server of servers) await server.close();
    }
  }, 120_000);
});
