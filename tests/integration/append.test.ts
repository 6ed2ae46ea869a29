import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { copyOfNj27, halfOfNj27, NJ27 } from '../helpers/extract-fixtures.ts';
import { countHits, scanFolder, sourceIdentifiers } from '../helpers/identifier-scan.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';
import { independentDimensionValuePeople, independentPopulation, storedDimensionValuePeople } from '../helpers/independent-facts.ts';

const counts = async (warehouse: string) => {
  const db = await openDatabase(warehouse, { readOnly: true });
  const [row] = await db.query(`SELECT (SELECT count(*) FROM core.person) AS people, (SELECT count(*) FROM core.encounter) AS encounters,
    (SELECT count(*) FROM core.condition) AS conditions, (SELECT count(*) FROM core.observation) AS observations,
    (SELECT count(*) FROM etl.runs) AS runs, (SELECT count(DISTINCT person_id) FROM mart.person_period) AS mart_people`);
  db.close();
  return row as Record<string, number>;
};

describe('appending extracts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-a-'));
  const warehouse = join(dir, 'w.duckdb');
  const first = halfOfNj27((line) => line <= 14);
  const second = halfOfNj27((line) => line > 14);
  let firstLoad: LoadResult;
  let secondLoad: LoadResult;

  beforeAll(async () => {
    firstLoad = await loadExtract({ source: first, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    secondLoad = await loadExtract({ source: second, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
  });

  it('adds a second extract to the population: both halves of nj27 give the whole sample', async () => {
    expect(firstLoad.people).toBe(13);
    expect(await counts(warehouse)).toEqual({ people: 27, encounters: 604, conditions: 438, observations: 990, runs: 2, mart_people: 27 });
    expect(secondLoad.people).toBe(27);
  });

  it('stores the warehouse facts of the whole appended population, as counted here from its rows', async () => {
    const db = await openDatabase(warehouse, { readOnly: true });
    try {
      const [stored] = await db.query<{ people: number; key_sum: number }>('SELECT people, key_sum FROM etl.population_fact');
      expect({ people: Number(stored!.people), key_sum: Number(stored!.key_sum) }).toEqual(await independentPopulation(db));
      expect(Number(stored!.people)).toBe(27);
      expect(await storedDimensionValuePeople(db)).toEqual(await independentDimensionValuePeople(db));
    } finally {
      db.close();
    }
  });

  it('quarantines only what belongs to neither extract, and each run reconciles', () => {
    for (const run of [firstLoad, secondLoad]) for (const f of run.files) expect(f.read).toBe(f.loaded + f.quarantined);
    // The first half's events of the second half's patients are orphans then; the second load accepts
    // events of patients already in the warehouse.
    const encounters = (run: LoadResult) => run.files.find((f) => f.file === 'encounters.csv')!;
    expect(encounters(firstLoad).quarantined).toBeGreaterThan(0);
    expect(encounters(secondLoad).quarantined).toBe(0);
  });

  it('changes nothing when the same extract is loaded again', async () => {
    const before = statSync(warehouse);
    const again = await loadExtract({ source: second, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(again.unchanged).toBe(true);
    expect(again.dataVersion).toBe(secondLoad.dataVersion);
    const after = statSync(warehouse);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
    expect((await counts(warehouse)).people).toBe(27);
  });

  it('keeps rows the two extracts share once', async () => {
    const whole = copyOfNj27();
    const result = await loadExtract({ source: whole, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(result.unchanged).toBe(false);
    expect(await counts(warehouse)).toEqual({ people: 27, encounters: 604, conditions: 438, observations: 990, runs: 3, mart_people: 27 });
  });

  it('publishes a fresh file holding no identifier of either extract, no free blocks, and nothing beside it', async () => {
    expect(countHits(scanFolder(dir, sourceIdentifiers(NJ27)))).toEqual({});
    expect(readdirSync(dir)).toEqual(['w.duckdb']);
    const db = await openDatabase(warehouse, { readOnly: true });
    const [size] = await db.query<{ free_blocks: number }>('SELECT free_blocks FROM pragma_database_size()');
    db.close();
    expect(size!.free_blocks).toBe(0);
  });

  it('starts afresh with mode replace', async () => {
    await loadExtract({ source: first, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, quietLoadDeps);
    expect((await counts(warehouse)).people).toBe(13);
  });
});
