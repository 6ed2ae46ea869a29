import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { scratchRootFor } from '../../pipelines/scratch.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { copyOfNj27, NJ27, rewriteFile } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps, TEST_KEY_ENV } from '../helpers/test-env.ts';

const CLI = fileURLToPath(new URL('../../bin/popsight.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fileState = (path: string) => {
  const s = statSync(path);
  return [s.ino, s.mtimeMs, s.size];
};

describe('atomic publish', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-p-'));
  const warehouse = join(dir, 'w.duckdb');
  let server: RunningServer;
  let killedBuild = '';
  const meta = async () => ((await (await fetch(`${server.url}/api/meta`)).json()) as { dataVersion: string; people: number });

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    // Exact counts: the test counts the people of each warehouse (published counts are perturbed).
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', exactCounts: true });
  });
  afterAll(() => server?.close());

  it('leaves the previous warehouse serving, unchanged, when a load is killed with SIGKILL half-way', async () => {
    const before = fileState(warehouse);
    const { dataVersion } = await meta();
    const child = spawn(process.execPath, [CLI, 'load', NJ27, '--warehouse', warehouse, '--replace'], { env: { ...process.env, ...TEST_KEY_ENV }, stdio: 'ignore' });
    const scratchOfChild = () => {
      const root = scratchRootFor(warehouse);
      const name = existsSync(root) ? readdirSync(root).find((n) => n.startsWith(`load-${child.pid}-`)) : undefined;
      return name ? join(root, name) : undefined;
    };
    const building = () => {
      const scratch = scratchOfChild();
      return scratch !== undefined && existsSync(join(scratch, 'popsight_build.duckdb'));
    };
    const deadline = Date.now() + 30_000;
    while (!building() && Date.now() < deadline) await sleep(10);
    expect(building()).toBe(true);
    killedBuild = scratchOfChild()!;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // What a killed load leaves (raw rows in its staging database) is in a folder only its owner can open.
    expect(statSync(killedBuild).mode & 0o777).toBe(0o700);
    expect(statSync(scratchRootFor(warehouse)).mode & 0o777).toBe(0o700);

    expect(fileState(warehouse)).toEqual(before);
    await sleep(600);
    expect((await meta()).dataVersion).toBe(dataVersion);
    const response = await fetch(`${server.url}/api/measures/cost-pmpm?period=year`);
    expect(response.status).toBe(200);
  });

  it('switches a running server to a new warehouse without a restart or a failed request', async () => {
    const { dataVersion, people } = await meta();
    const smaller = copyOfNj27();
    rewriteFile(smaller, 'patients.csv', (text) => text.split('\n').filter((_, i) => i !== 1).join('\n'));
    const statuses: number[] = [];
    let loading = true;
    const hammer = (async () => {
      while (loading) {
        statuses.push((await fetch(`${server.url}/api/measures/cost-pmpm?period=quarter&by=sex`)).status);
        await sleep(25);
      }
    })();
    await loadExtract({ source: smaller, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, quietLoadDeps);
    await sleep(700);
    const after = await meta();
    loading = false;
    await hammer;
    expect(after.dataVersion).not.toBe(dataVersion);
    expect(after.people).toBe(people - 1);
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('removes the scratch folder a killed load left behind at the next load', () => {
    expect(killedBuild).not.toBe('');
    expect(existsSync(killedBuild)).toBe(false);
    expect(existsSync(scratchRootFor(warehouse))).toBe(false);
  });
});
