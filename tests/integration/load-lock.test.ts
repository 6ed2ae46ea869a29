// Issue 14, finding 5: two loads into one warehouse must not race (the later rename silently dropped
// the other extract and its run record). A second load stops with a message naming the running one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { ensureScratchRoot, scratchRootFor } from '../../pipelines/scratch.ts';
import { lockPathFor, warehouseBusyMessage, WarehouseBusyError } from '../../pipelines/warehouse-lock.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps, TEST_KEY_ENV } from '../helpers/test-env.ts';

const CLI = fileURLToPath(new URL('../../bin/popsight.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startLoad(source: string, warehouse: string) {
  const child = spawn(process.execPath, [CLI, 'load', source, '--warehouse', warehouse], { env: { ...process.env, ...TEST_KEY_ENV } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { pid: child.pid!, done };
}

async function runsOf(warehouse: string) {
  const db = await openDatabase(warehouse, { readOnly: true });
  const runs = await db.query<{ source: string }>('SELECT source FROM etl.runs ORDER BY started_at');
  const [{ people }] = await db.query<{ people: number }>('SELECT count(*) AS people FROM core.person');
  db.close();
  return { sources: runs.map((r) => r.source), people };
}

describe('one load at a time per warehouse', () => {
  let generated: string;

  beforeAll(async () => {
    const { generatePopulation } = await import('../../generator/index.ts');
    generated = join(mkdtempSync(join(tmpdir(), 'popsight-lock-')), 'generated');
    await generatePopulation({ people: 2_000, seed: 5, outDir: generated });
  });

  it('stops a second load with a message naming the running one, and loses nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-lock-w-'));
    const warehouse = join(dir, 'w.duckdb');
    const first = startLoad(generated, warehouse);
    const deadline = Date.now() + 60_000;
    while (!existsSync(lockPathFor(warehouse)) && Date.now() < deadline) await sleep(10);
    const second = await startLoad(NJ27, warehouse).done;
    expect(second.code).toBe(1);
    expect(second.output).toContain(`PID ${first.pid} on ${hostname()}, started at 20`);
    expect(second.output).toContain('nothing was changed: load again once it has finished');

    const firstRun = await first.done;
    expect(firstRun.code, firstRun.output).toBe(0);
    expect((await runsOf(warehouse)).sources).toEqual([generated]);
    // Loaded again once the first has finished, the second extract adds to the first.
    expect((await startLoad(NJ27, warehouse).done).code).toBe(0);
    const after = await runsOf(warehouse);
    expect(after.sources).toEqual([generated, NJ27]);
    expect(after.people).toBe(2_000 + 27);
    expect(existsSync(scratchRootFor(warehouse))).toBe(false);
  });

  it('publishes one of two loads started at once; the other refuses or has waited, and neither is lost silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-lock-w-'));
    const warehouse = join(dir, 'w.duckdb');
    const a = startLoad(generated, warehouse);
    const b = startLoad(NJ27, warehouse);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const { sources } = await runsOf(warehouse);
    if (ra.code === 0 && rb.code === 0) {
      // The second started only after the first had published: both extracts are there.
      expect(sources.sort()).toEqual([NJ27, generated].sort());
    } else {
      const [winner, loser, winnerSource] = ra.code === 0 ? [a, rb, generated] : [b, ra, NJ27];
      expect(loser.code).toBe(1);
      expect(loser.output).toContain(`PID ${winner.pid} on ${hostname()}`);
      expect(sources).toEqual([winnerSource]);
    }
  });

  it('refuses a second load in the same process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-lock-w-'));
    const warehouse = join(dir, 'w.duckdb');
    const options = { source: NJ27, warehouse, secretsFile: join(dir, 'key') };
    const first = loadExtract(options, quietLoadDeps);
    const error = await loadExtract(options, quietLoadDeps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseBusyError);
    expect((error as WarehouseBusyError).message).toBe(`${warehouse}: ${warehouseBusyMessage((error as WarehouseBusyError).holder)}`);
    expect((error as WarehouseBusyError).holder.pid).toBe(process.pid);
    expect((await first).people).toBe(27);
  });

  it('takes over the lock of a load whose process died', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-lock-w-'));
    const warehouse = join(dir, 'w.duckdb');
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    ensureScratchRoot(warehouse);
    writeFileSync(lockPathFor(warehouse), JSON.stringify({ pid: Number(dead.stdout.trim()), host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', source: 'x' }));
    const result = await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    expect(result.people).toBe(27);
    expect(existsSync(lockPathFor(warehouse))).toBe(false);
    expect(existsSync(scratchRootFor(warehouse))).toBe(false);
  });
});
