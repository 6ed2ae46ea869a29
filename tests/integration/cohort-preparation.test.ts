// Saved cohorts prepared when saved and kept with the warehouse generation (core/cohorts/prepare-cohort.ts,
// server/state/cohort-cache-folder.ts): a restarted server answers a saved cohort's characterization and
// comparison exactly as a computation from scratch does (perturbed and exact), reading what was kept
// instead of counting; a new load never reads the previous generation's entries (and removes them); a
// damaged entry is computed afresh; the kept files hold no person id; the ledger still refuses after
// a restart. The reference is computed in this process with a fresh CohortMembers and no store.
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { characterizeCohort } from '../../core/cohorts/characterize-cohort.ts';
import { CohortMembers } from '../../core/cohorts/cohort-members.ts';
import type { CohortCriteria } from '../../core/cohorts/cohort-query.ts';
import type { Criterion } from '../../core/cohorts/cohort-schema.ts';
import { compareCohorts } from '../../core/cohorts/compare-cohorts.ts';
import { prepareCohort } from '../../core/cohorts/prepare-cohort.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { COHORT_CACHE_DIR, cohortCacheFolder } from '../../server/state/cohort-cache-folder.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Json = Record<string, any>;

const DIABETES_40: Criterion = { all: [{ condition: { group: 'diabetes' } }, { age: { min: 40 } }] };
const HYPERTENSION_40: Criterion = { all: [{ condition: { group: 'hypertension' } }, { age: { min: 40 } }] };
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Json;

describe('saved cohorts prepared and kept per warehouse generation', () => {
  let built: TestWarehouse;
  let other: TestWarehouse;
  const root = mkdtempSync(join(tmpdir(), 'popsight-prepared-'));
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    [built, other] = await Promise.all([buildTestWarehouse({ people: 700, seed: 11 }), buildTestWarehouse({ people: 500, seed: 5 })]);
  }, 600_000);
  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => undefined);
    built?.remove();
    other?.remove();
  });

  const start = async (stateDir: string, options: { exactCounts?: boolean; warmUp?: boolean; warmCohortsFromPeople?: number } = {}) => {
    const server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false, ...options });
    servers.push(server);
    return server;
  };
  const stop = async (server: RunningServer) => {
    servers.splice(servers.indexOf(server), 1);
    await server.close();
  };
  async function call(server: RunningServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${server.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  }
  async function waitPrepared(server: RunningServer, ids: string[]): Promise<Json[]> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { cohorts } = (await call(server, 'GET', '/api/cohorts')).body as { cohorts: Json[] };
      const ours = cohorts.filter((c) => ids.includes(c.id));
      if (ours.length === ids.length && ours.every((c) => c.prepared === true)) return cohorts;
      if (Date.now() > deadline) throw new Error(`not prepared: ${JSON.stringify(cohorts)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** The profile's three answers (both characterizations, the comparison) from the server. */
  async function profileOf(server: RunningServer, a: string, b: string): Promise<Json> {
    const answers = await Promise.all([`/api/cohorts/${a}/characterization`, `/api/cohorts/${b}/characterization`, `/api/cohorts/compare?a=${a}&b=${b}`].map((path) => call(server, 'GET', path)));
    for (const answer of answers) expect(answer.status).toBe(200);
    const [ca, cb, comparison] = answers.map((answer) => answer.body);
    const strip = ({ id: _id, name: _name, description: _description, createdAt: _createdAt, dataVersion: _dataVersion, ...rest }: Json) => rest;
    return { a: strip(ca!), b: strip(cb!), comparison: { sizeA: comparison!.a.size, sizeB: comparison!.b.size, overlap: comparison!.overlap, rows: comparison!.rows } };
  }

  /** The same, computed from scratch in this process on the warehouse file at `path`. */
  async function freshProfile(path: string, exactCounts: boolean): Promise<Json> {
    const db = await openDatabase(path, { readOnly: true });
    try {
      const a: CohortCriteria = { criteria: DIABETES_40 };
      const b: CohortCriteria = { criteria: HYPERTENSION_40 };
      const [ca, cb, comparison] = await Promise.all([
        characterizeCohort(db, a, { exactCounts, members: new CohortMembers() }),
        characterizeCohort(db, b, { exactCounts, members: new CohortMembers() }),
        compareCohorts(db, a, b, { exactCounts, members: new CohortMembers() }),
      ]);
      return json({ a: ca, b: cb, comparison });
    } finally {
      db.close();
    }
  }

  const cacheFiles = (stateDir: string) => {
    const cache = join(stateDir, COHORT_CACHE_DIR);
    return existsSync(cache) ? readdirSync(cache).flatMap((generation) => readdirSync(join(cache, generation)).map((file) => join(cache, generation, file))) : [];
  };

  for (const exactCounts of [false, true]) {
    it(`answers a saved cohort's profile after a restart exactly as from scratch (${exactCounts ? 'exact' : 'perturbed'} counts), also from damaged entries`, async () => {
      const stateDir = join(root, exactCounts ? 'exact' : 'perturbed');
      const first = await start(stateDir, { exactCounts });
      const a = (await call(first, 'POST', '/api/cohorts', { name: 'Diabetes 40+', criteria: DIABETES_40 })).body.id as string;
      const b = (await call(first, 'POST', '/api/cohorts', { name: 'Hypertension 40+', criteria: HYPERTENSION_40 })).body.id as string;
      await waitPrepared(first, [a, b]);
      await stop(first);
      expect(cacheFiles(stateDir).length).toBeGreaterThan(0);

      const fresh = await freshProfile(built.warehouse, exactCounts);
      // The reference must show something: sizes of 11 or more and condition-group rows.
      expect(fresh.a.size.value).toBeGreaterThanOrEqual(11);
      expect(fresh.comparison.rows.length).toBeGreaterThan(0);

      // Restarted without the warm-up: nothing is prepared in memory, every answer comes from the kept entries.
      const restarted = await start(stateDir, { exactCounts, warmUp: false });
      const listed = (await call(restarted, 'GET', '/api/cohorts')).body.cohorts as Json[];
      expect(listed.map((c) => [c.id, c.prepared, c.preparing])).toEqual([[a, true, false], [b, true, false]]);
      expect(await profileOf(restarted, a, b)).toEqual(fresh);
      await stop(restarted);

      // Every entry damaged (one truncated, the others with a byte flipped): computed afresh, same answer, no error.
      const files = cacheFiles(stateDir);
      files.forEach((file, i) => {
        const bytes = readFileSync(file);
        if (i === 0) writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
        else {
          bytes[bytes.length >> 1] ^= 0xff;
          writeFileSync(file, bytes);
        }
      });
      const damaged = await start(stateDir, { exactCounts, warmUp: false });
      expect((await call(damaged, 'GET', '/api/cohorts')).body.cohorts.map((c: Json) => c.prepared)).toEqual([false, false]);
      expect(await profileOf(damaged, a, b)).toEqual(fresh);
      await stop(damaged);
    }, 600_000);
  }

  it('reads what was kept instead of counting: no member or profile query runs on a kept generation', async () => {
    const store = cohortCacheFolder(join(root, 'in-process'));
    const db = await openDatabase(built.warehouse, { readOnly: true });
    try {
      const definition: CohortCriteria = { criteria: DIABETES_40 };
      expect(await prepareCohort(db, new CohortMembers({ store }), definition)).toBe(true);
      const statements: string[] = [];
      const watched = new Proxy(db, {
        get(target, property, receiver) {
          if (property === 'query') return (sql: string, values?: unknown[]) => (statements.push(sql), target.query(sql, values as never));
          if (property === 'withConnection') return () => Promise.reject(new Error('the person index was read from the warehouse'));
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const members = new CohortMembers({ store });
      expect(await prepareCohort(watched, members, definition)).toBe(false);
      const kept = json(await characterizeCohort(watched, definition, { members }));
      expect(kept).toEqual(json(await characterizeCohort(db, definition, { members: new CohortMembers() })));
      // Only the generation's identity, the index date and the shared condition names are read; no leaf (bit_or), no profile count (its keys).
      // Only the generation's identity is read: no leaf, no person index, no index date, no profile count, no condition name.
      const allowed = [/FROM etl\.warehouse_info LIMIT 1$/, /FROM information_schema\.tables/, /FROM etl\.population_fact$/, /WHERE rowid % \$1 = 0/];
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.filter((sql) => !allowed.some((pattern) => pattern.test(sql)))).toEqual([]);
    } finally {
      db.close();
    }
  }, 300_000);

  it('keeps no person id: every file of the cache is scanned for each person id of the warehouse', async () => {
    const files = [...cacheFiles(join(root, 'perturbed')), ...cacheFiles(join(root, 'in-process'))];
    expect(files.length).toBeGreaterThan(0);
    const db = await openDatabase(built.warehouse, { readOnly: true });
    const ids = (await db.query<{ person_id: string }>('SELECT person_id FROM core.person')).map((r) => r.person_id);
    db.close();
    expect(ids.length).toBe(700);
    const contents = files.map((file) => readFileSync(file).toString('latin1'));
    for (const id of ids) for (const text of contents) expect(text.includes(id)).toBe(false);
  }, 120_000);

  it('a new load is a new generation: prepared afresh, never read from the old entries, which are removed', async () => {
    const stateDir = join(root, 'reload');
    // The warm-up of a generation prepares the saved cohorts on a large warehouse only: this one counts as large.
    const server = await start(stateDir, { warmCohortsFromPeople: 0 });
    const a = (await call(server, 'POST', '/api/cohorts', { name: 'Diabetes 40+', criteria: DIABETES_40 })).body.id as string;
    const b = (await call(server, 'POST', '/api/cohorts', { name: 'Hypertension 40+', criteria: HYPERTENSION_40 })).body.id as string;
    await waitPrepared(server, [a, b]);
    const cache = join(stateDir, COHORT_CACHE_DIR);
    const [before] = readdirSync(cache);
    const dataVersion = (await call(server, 'GET', '/api/meta')).body.dataVersion;

    // A load publishes a new file by renaming it over the old one (server/warehouse/live-warehouse.ts).
    renameSync(other.warehouse, built.warehouse);
    const deadline = Date.now() + 120_000;
    while ((await call(server, 'GET', '/api/meta')).body.dataVersion === dataVersion) {
      if (Date.now() > deadline) throw new Error('the server never switched to the new load');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await waitPrepared(server, [a, b]);
    expect(readdirSync(cache)).toHaveLength(1);
    expect(readdirSync(cache)[0]).not.toBe(before);
    expect(await profileOf(server, a, b)).toEqual(await freshProfile(built.warehouse, false));
    await stop(server);
  }, 600_000);

  it('the cohort ledger still refuses a cohort 1–10 people from an earlier one after a restart', async () => {
    const stateDir = join(root, 'ledger');
    const db = await openDatabase(built.warehouse, { readOnly: true });
    const [rare] = await db.query<{ code: string }>(
      `SELECT code FROM core.condition WHERE code SIMILAR TO '[0-9]{6,18}' GROUP BY code HAVING count(DISTINCT person_id) BETWEEN 1 AND 10 ORDER BY code LIMIT 1`,
    );
    db.close();
    const everyone: Criterion = { any: [{ sex: 'F' }, { sex: 'M' }] };
    const first = await start(stateDir);
    expect((await call(first, 'POST', '/api/cohorts', { name: 'Everyone', criteria: everyone })).status).toBe(201);
    await stop(first);
    const restarted = await start(stateDir);
    const near = await call(restarted, 'POST', '/api/cohorts', { name: 'Almost everyone', criteria: { all: [everyone, { not: { condition: { codes: [rare!.code] } } }] } });
    expect([near.status, near.body.error?.code]).toEqual([409, 'cohort_too_close']);
    await stop(restarted);
  }, 300_000);
});
