import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../cli/start-server.ts';
import type { SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import { verifyChain } from '../../core/audit/audit-chain.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { LEGACY_COHORTS_FILE } from '../../server/state/legacy-cohorts.ts';
import { loadMigrations, MIGRATIONS_DIR } from '../../server/state/migrations.ts';
import { openStateDatabase } from '../../server/state/state-database.ts';
import { stateMessages } from '../../server/state/state-errors.ts';
import { openStateStore, STATE_FILE, type StateStore, type StateStoreOptions } from '../../server/state/state-store.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
// The migrations this Popsight ships: features add theirs (0004, 0005, …), so the tests name the
// first three and take the rest from the folder; test migrations are numbered after the last one.
const SHIPPED = loadMigrations();
const SHIPPED_VERSIONS = SHIPPED.map((m) => m.version);
const LAST = SHIPPED_VERSIONS.at(-1)!;
const LATER = LAST + 1;
const stores: StateStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const newStateDir = () => join(mkdtempSync(join(tmpdir(), 'popsight-state-')), 'state');

async function open(dir: string, options: StateStoreOptions = {}): Promise<StateStore> {
  let n = 0;
  const store = await openStateStore(dir, { clock: () => NOW, newId: () => `new-${++n}` }, options);
  stores.push(store);
  return store;
}

/** Reads the state file directly, with the store closed. */
async function tablesAndVersions(dir: string) {
  const db = await openDatabase(join(dir, STATE_FILE), { readOnly: true });
  try {
    const tables = (await db.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables ORDER BY 1`)).map((r) => r.name);
    const versions = tables.includes('schema_migrations')
      ? await db.query<{ version: number; name: string; applied_at: string }>('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      : [];
    return { tables, versions };
  } finally {
    db.close();
  }
}

/** A migrations folder: the shipped ones plus `extra` (file name → SQL). */
function migrationsWith(extra: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-migrations-'));
  for (const name of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

// As written by the JSON store that came before (server/state/cohort-store.ts until issue 12).
const LEGACY: { version: 1; cohorts: SavedCohort[] } = {
  version: 1,
  cohorts: [
    { id: '0b7e5a52-3d55-4a57-9a8e-1f1c3e6f2a01', name: 'Women', createdAt: '2024-11-05T09:15:02.123Z', definition: { name: 'Women', description: 'All women', criteria: { sex: 'F' } } },
    {
      id: '5d3c1c1e-8f0f-4f47-8d6c-0a9a2b7c4e02',
      name: 'ED after hypertension',
      createdAt: '2024-11-06T17:40:00.000Z',
      definition: { name: 'ED after hypertension', indexDate: '2023-12-31', criteria: { encounter: { class: 'emergency', within: { days: 365, after: { condition: { codes: ['59621000'] } } } } } },
    },
    { id: 'a-removed-group', name: 'Gout', createdAt: '2024-12-01T00:00:00.000Z', definition: { name: 'Gout', criteria: { condition: { group: 'gout' } } } },
  ],
};

describe('state store', () => {
  it('creates state.duckdb with the migrations applied in order, and applies nothing when reopened', async () => {
    const dir = newStateDir();
    const first = await open(dir);
    expect(first.opened).toEqual({ applied: SHIPPED_VERSIONS });
    await first.close();
    const before = await tablesAndVersions(dir);
    expect(before.tables).toEqual(expect.arrayContaining(['audit_anchor', 'audit_log', 'cohort_ledger', 'cohorts', 'schema_migrations']));
    expect(before.versions.slice(0, 3)).toEqual([
      { version: 1, name: '0001-cohorts.sql', applied_at: NOW.toISOString() },
      { version: 2, name: '0002-cohort-ledger.sql', applied_at: NOW.toISOString() },
      { version: 3, name: '0003-audit-log.sql', applied_at: NOW.toISOString() },
    ]);
    expect(before.versions).toEqual(SHIPPED.map((m) => ({ version: m.version, name: m.name, applied_at: NOW.toISOString() })));

    const again = await open(dir);
    expect(again.opened).toEqual({ applied: [] });
    await again.close();
    expect(await tablesAndVersions(dir)).toEqual(before);
  });

  it('applies new migrations by number (40 before 100) on an existing store, keeping its rows', async () => {
    const dir = newStateDir();
    const store = await open(dir);
    await store.cohorts.save({ name: 'Kept', criteria: { sex: 'M' } });
    await store.close();
    // 100 needs the table 40 creates: applied as text ('100' < '40') it would fail.
    const migrationsDir = migrationsWith({
      '40-later-things.sql': 'CREATE TABLE later_things (id VARCHAR PRIMARY KEY);',
      '100-later-owner.sql': '-- a later column\nALTER TABLE later_things ADD COLUMN owner VARCHAR;\nINSERT INTO later_things VALUES (\'r1\', \'ann\');',
    });
    const migrated = await open(dir, { migrationsDir });
    expect(migrated.opened.applied).toEqual([40, 100]);
    expect((await migrated.cohorts.list()).map((c) => c.name)).toEqual(['Kept']);
    await migrated.close();
    expect((await tablesAndVersions(dir)).versions.map((v) => v.name)).toEqual([...SHIPPED.map((m) => m.name), '40-later-things.sql', '100-later-owner.sql']);
  });

  it('applies the migrations of one open in one transaction: a failing one leaves the store as it was', async () => {
    const dir = newStateDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LEGACY_COHORTS_FILE), JSON.stringify(LEGACY));
    const migrationsDir = migrationsWith({ [`${LATER}-broken.sql`]: 'CREATE TABLE fine (x INTEGER);\nCREATE TABLE broken (x NOT_A_TYPE);' });
    await expect(open(dir, { migrationsDir })).rejects.toThrow(/NOT_A_TYPE/);
    // Neither the migrations' ledger, nor the shipped migrations, nor the import of cohorts.json (same transaction), nor the broken migration's first table.
    expect(await tablesAndVersions(dir)).toEqual({ tables: [], versions: [] });
    expect(readdirSync(dir)).toContain(LEGACY_COHORTS_FILE);
  });

  it('refuses a store migrated by a newer Popsight, naming the versions, and leaves it untouched', async () => {
    const dir = newStateDir();
    const newer = await open(dir, { migrationsDir: migrationsWith({ [`${LATER}-later.sql`]: 'CREATE TABLE later (x INTEGER);' }) });
    await newer.close();
    const file = join(dir, STATE_FILE);
    const error = await open(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'state_too_new', message: stateMessages.tooNew(file, LATER, LAST) });
    expect((await tablesAndVersions(dir)).versions.map((v) => v.version)).toEqual([...SHIPPED_VERSIONS, LATER]);
  });

  it('rolls back a change that fails half-way: nothing of it is written', async () => {
    const dir = newStateDir();
    const store = await open(dir);
    await store.cohorts.save({ name: 'Before', criteria: { sex: 'F' } });
    const db = await openStateDatabase(store.file);
    const insert = `INSERT INTO cohorts (id, name, created_at, definition) VALUES (?, ?, now()::TIMESTAMP, ?)`;
    await expect(
      db.change(async (tx) => {
        await tx.run(insert, ['half-1', 'Half 1', '{}']);
        await tx.run('DELETE FROM cohorts WHERE name = ?', ['Before']);
        throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    await expect(
      db.change(async (tx) => {
        await tx.run(insert, ['half-2', 'Half 2', '{}']);
        await tx.run(insert, ['half-3', 'Half 3', 'not JSON']);
      }),
    ).rejects.toThrow(/JSON/);
    await db.release();
    expect((await store.cohorts.list()).map((c) => c.name)).toEqual(['Before']);
    // The store goes on taking changes after a failed one.
    await store.cohorts.save({ name: 'After', criteria: { sex: 'M' } });
    expect((await store.cohorts.list()).map((c) => c.name)).toEqual(['Before', 'After']);
  });

  it("keeps each principal's cohort ledger across a reopen: one entry per definition, found by size window or other data version", async () => {
    const dir = newStateDir();
    const store = await open(dir);
    const women = { criteria: { sex: 'F' as const } };
    const womenOn = { criteria: { sex: 'F' as const }, indexDate: '2020-12-31' };
    await store.ledger.record('ann', { definition: women, name: 'Women', size: 1500, dataVersion: 'v1' });
    await store.ledger.record('ann', { definition: womenOn, name: null, size: 1400, dataVersion: 'v1' });
    await store.ledger.record('bob', { definition: women, name: 'Bob\'s women', size: 1500, dataVersion: 'v1' });
    // The same definition again: its size and version are updated, its first name stays.
    await store.ledger.record('ann', { definition: women, name: 'All women', size: 1490, dataVersion: 'v1' });
    await store.close();

    const reopened = await open(dir);
    // 1490 is within 10 of 1500; 1400 is not, and only ann's entries are hers.
    expect(await reopened.ledger.candidates('ann', 1500, 10, 'v1')).toEqual([{ definition: women, name: 'Women', size: 1490, dataVersion: 'v1' }]);
    expect(await reopened.ledger.candidates('ann', 1405, 10, 'v1')).toEqual([{ definition: womenOn, name: null, size: 1400, dataVersion: 'v1' }]);
    // On other data every entry is a candidate: its size must be taken again.
    expect((await reopened.ledger.candidates('ann', 10, 10, 'v2')).map((c) => c.size).sort()).toEqual([1400, 1490]);
    expect(await reopened.ledger.candidates('carol', 1500, 10, 'v1')).toEqual([]);
  });

  it('imports cohorts.json with its ids, names, times, definitions and order, then renames the file', async () => {
    const dir = newStateDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, LEGACY_COHORTS_FILE), JSON.stringify(LEGACY, null, 2));
    const store = await open(dir);
    expect(store.opened).toEqual({ applied: SHIPPED_VERSIONS, imported: { cohorts: 3, retiredTo: join(dir, `${LEGACY_COHORTS_FILE}.migrated`) } });
    expect(await store.cohorts.list()).toEqual(LEGACY.cohorts);
    expect(await store.cohorts.get(LEGACY.cohorts[1]!.id)).toEqual(LEGACY.cohorts[1]);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.wal')).sort()).toEqual(['cohorts.json.migrated', STATE_FILE]);
    const added = await store.cohorts.save({ name: 'New', criteria: { sex: 'M' } });
    expect((await store.cohorts.list()).at(-1)).toEqual(added);
    await store.close();

    // Interrupted after the commit, before the rename: the file is still there on the next open.
    writeFileSync(join(dir, LEGACY_COHORTS_FILE), JSON.stringify(LEGACY));
    const reopened = await open(dir);
    expect(reopened.opened).toEqual({ applied: [], imported: { cohorts: 0, retiredTo: join(dir, `${LEGACY_COHORTS_FILE}.migrated-2`) } });
    expect(await reopened.cohorts.list()).toEqual([...LEGACY.cohorts, added]);
  });

  it('refuses a damaged cohorts.json, naming the file and what was expected, and creates nothing', async () => {
    const cases: [string, string][] = [
      ['{"version": 1, "cohorts": [', 'not valid JSON'],
      ['{"something": "else"}', 'no "version": 1'],
      ['{"version": 1, "cohorts": {}}', 'no "cohorts" list'],
      [JSON.stringify({ version: 1, cohorts: [LEGACY.cohorts[0], { ...LEGACY.cohorts[1], createdAt: 'yesterday' }] }), 'cohorts[1].createdAt is not a date'],
      [JSON.stringify({ version: 1, cohorts: [LEGACY.cohorts[0], LEGACY.cohorts[0]] }), `cohorts[1].id '${LEGACY.cohorts[0]!.id}' appears twice`],
    ];
    for (const [text, problem] of cases) {
      const dir = newStateDir();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, LEGACY_COHORTS_FILE);
      writeFileSync(file, text);
      const error = (await open(dir).catch((e: unknown) => e)) as Error;
      expect(error, problem).toMatchObject({ code: 'invalid_legacy_file' });
      expect(error.message, problem).toContain(file);
      expect(error.message, problem).toContain(problem);
      expect(error.message, problem).toContain('expected JSON { "version": 1, "cohorts": [{ "id", "name", "createdAt", "definition" }] }');
      expect(readdirSync(dir), problem).toEqual([LEGACY_COHORTS_FILE]);
    }
  });

  it('is shared by the servers of one process on the same directory, and closed by the last one', async () => {
    const dir = newStateDir();
    const a = await open(dir);
    const b = await open(dir);
    const saved = await a.cohorts.save({ name: 'Shared', criteria: { sex: 'F' } });
    expect(await b.cohorts.get(saved.id)).toEqual(saved);
    await a.close();
    await expect(a.cohorts.list()).rejects.toThrow(stateMessages.closed(a.file));
    expect(await b.cohorts.list()).toEqual([saved]);
    await b.close();
    // Closed for real: another process can open it now.
    expect(await openInChild(dir, 'exit')).toBe('opened');
  });

  it('refuses a second process on the same directory with a message naming the file and the likely cause', async () => {
    const dir = newStateDir();
    const holder = spawnHolder(dir);
    try {
      await holder.ready;
      const error = (await open(dir).catch((e: unknown) => e)) as Error;
      expect(error).toMatchObject({ code: 'state_in_use' });
      expect(error.message).toContain(join(dir, STATE_FILE));
      expect(error.message).toContain(`PID ${holder.child.pid}`);
      expect(error.message).toMatch(/another Popsight server is running on the same state directory/);
      expect(error.message).not.toMatch(/IO Error|Conflicting lock/);
      // A second server fails to start with the same message, before it opens anything else.
      const server = startServer({ warehouse: join(dir, 'never-opened.duckdb'), port: 0, host: '127.0.0.1', stateDir: dir });
      await expect(server).rejects.toMatchObject({ code: 'state_in_use', message: error.message });
    } finally {
      holder.child.kill();
    }
  });
});

// A child process that opens the store as `popsight serve` would, says "opened", then holds it or exits.
const CHILD = (dir: string, then: 'hold' | 'exit') => `
  const { openStateStore } = await import(${JSON.stringify(new URL('../../server/state/state-store.ts', import.meta.url).href)});
  const store = await openStateStore(${JSON.stringify(dir)}, { clock: () => new Date(), newId: () => 'x' });
  console.log('opened');
  if (${JSON.stringify(then)} === 'exit') await store.close(); else setInterval(() => {}, 60_000);
`;

function spawnHolder(dir: string, then: 'hold' | 'exit' = 'hold') {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD(dir, then)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (chunk) => (err += chunk));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('opened') && resolve('opened'));
    child.once('close', (code) => reject(new Error(`child exited (${code}): ${err}`)));
  });
  return { child, ready };
}

async function openInChild(dir: string, then: 'exit'): Promise<string> {
  return spawnHolder(dir, then).ready;
}

describe('audit log on one state file opened twice in one process', () => {
  const entry = (route: string) => ({
    time: NOW.toISOString(), principal: 'local', role: 'viewer', method: 'GET', route, parameters: {}, bodyHash: null, restriction: null,
    status: 200, outcome: 'ok' as const, cached: false, dataVersion: null, cellsReturned: null, cellsSuppressed: null, clientAddress: '127.0.0.1', durationMs: 1,
  });

  it('chains appends from both stores one after the other: no sequence used twice, and the chain verifies', async () => {
    const dir = newStateDir();
    const first = await open(dir);
    const second = await open(dir);
    await first.audit.append([entry('/a')]);
    await second.audit.append([entry('/b')]); // read its head before this change: a stale one would reuse sequence 1
    await first.audit.append([entry('/c'), entry('/d')]);
    const records = await second.audit.read();
    expect(records.map((r) => [r.sequence, r.route])).toEqual([[1, '/a'], [2, '/b'], [3, '/c'], [4, '/d']]);
    expect(records.slice(1).map((r) => r.previousHash)).toEqual(records.slice(0, -1).map((r) => r.hash));
    expect(verifyChain(records)).toMatchObject({ ok: true, records: 4 });
  });
});
