// Any popsight command, not only the next load, removes the scratch folders of loads that were
// killed: their raw folders (staging) and their build folders beside the warehouse it names and
// beside the demo warehouse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rawScratchRoot } from '../../pipelines/scratch.ts';

const CLI = fileURLToPath(new URL('../../bin/popsight.mjs', import.meta.url));

/** The id of a process that has ended: a scratch folder named after it belongs to a killed load. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function leftover(warehouseDir: string, pid: number, alive = false): string {
  const folder = join(warehouseDir, '.popsight-scratch', `load-${pid}-x${alive ? 'live' : 'dead'}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'staging.duckdb'), 'raw rows');
  return folder;
}

describe('the sweep before every command', () => {
  it('removes killed loads’ raw folders and their build folders beside the named and the demo warehouse, and keeps a running one', () => {
    const home = mkdtempSync(join(tmpdir(), 'popsight-sweep-'));
    const elsewhere = join(home, 'elsewhere');
    const demoFolder = leftover(join(home, 'demo'), deadPid());
    const namedFolder = leftover(elsewhere, deadPid());
    const running = leftover(elsewhere, process.pid, true);
    const rawFolder = join(rawScratchRoot(), `load-${deadPid()}-xraw`); // the staging of a killed load
    mkdirSync(rawFolder, { recursive: true });
    const run = spawnSync(process.execPath, [CLI, 'serve', '--warehouse', join(elsewhere, 'w.duckdb')], { encoding: 'utf8', env: { ...process.env, POPSIGHT_HOME: home } });
    expect(run.status).toBe(1); // no warehouse there: the command itself fails, the sweep ran first
    expect(run.stderr).toMatch(/No warehouse at/);
    expect(existsSync(demoFolder)).toBe(false);
    expect(existsSync(namedFolder)).toBe(false);
    expect(existsSync(rawFolder)).toBe(false);
    expect(existsSync(running)).toBe(true);
    expect(run.stderr.match(/left by a load that was killed/g)).toHaveLength(3);
  });
});
