// Issue 14, findings 1 and 2: no identifier of the input may sit in the warehouse folder's bytes
// (stale pages, a staging database left beside it, a half-built warehouse) nor in the load's output.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { TEST_KEY_ENV } from '../helpers/test-env.ts';
import { countHits, identifiersIn, isPrivate, listFiles, scanFolder, sourceIdentifiers, type Identifiers } from '../helpers/identifier-scan.ts';
import { loadInterruptedMessage, rawScratchRoot } from '../../pipelines/scratch.ts';

const CLI = fileURLToPath(new URL('../../bin/popsight.mjs', import.meta.url));
const FHIR = fileURLToPath(new URL('../fixtures/fhir-smart-bulk-10', import.meta.url));
const OMOP = fileURLToPath(new URL('../fixtures/omop-eunomia-27nj', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run { code: number | null; signal: NodeJS.Signals | null; output: string }

function startLoad(source: string, warehouse: string) {
  const child = spawn(process.execPath, [CLI, 'load', source, '--warehouse', warehouse], { env: { ...process.env, ...TEST_KEY_ENV } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<Run>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, output })));
  return { child, done };
}

const load = (source: string, warehouse: string) => startLoad(source, warehouse).done;

/** Waits until the load has staged the extract and started building (a build file of its pid exists). */
async function waitForBuild(dir: string, pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  const building = () => listFiles(dir).some((path) => relative(dir, path).includes(String(pid)) && /build/.test(relative(dir, path)));
  while (!building() && Date.now() < deadline) await sleep(10);
  expect(building()).toBe(true);
}

describe('identifiers in the warehouse bytes', () => {
  let generated: string;
  let identifiers: Identifiers;

  beforeAll(async () => {
    const { generatePopulation } = await import('../../generator/index.ts');
    generated = join(mkdtempSync(join(tmpdir(), 'popsight-bytes-')), 'generated');
    await generatePopulation({ people: 300, seed: 14, outDir: generated });
    identifiers = sourceIdentifiers(NJ27, FHIR, OMOP, generated);
  });

  it('collects the identifiers of every input format', () => {
    const kinds = new Set(identifiers.values());
    for (const kind of ['patient id', 'encounter id', 'organization id', 'provider id', 'payer id', 'SSN', 'name', 'address', 'phone']) expect(kinds).toContain(kind);
    expect(identifiers.size).toBeGreaterThan(10_000);
  });

  it('finds none in the warehouse folder, or the output, after loading the samples and a generated extract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-bytes-w-'));
    const warehouse = join(dir, 'w.duckdb');
    let output = '';
    for (const source of [NJ27, FHIR, OMOP, generated, NJ27]) {
      const run = await load(source, warehouse);
      expect(run.code, run.output).toBe(0);
      output += run.output;
    }
    expect(countHits(scanFolder(dir, identifiers))).toEqual({});
    expect(identifiersIn(output, identifiers)).toEqual([]);
    expect(readdirSync(dir)).toEqual(['w.duckdb']);
  });

  it('keeps a killed load\'s raw rows out of the warehouse folder, private, until the next command removes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-bytes-k-'));
    const warehouse = join(dir, 'w.duckdb');
    expect((await load(NJ27, warehouse)).code).toBe(0);
    const { child, done } = startLoad(generated, warehouse);
    await waitForBuild(dir, child.pid!);
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');

    // Nothing can clean up after SIGKILL. What it left beside the warehouse (the build: pseudonymized
    // tables only) is private and holds no identifier; the staging database with every raw row sits
    // in the load's raw folder, outside the warehouse folder, which its owner alone can open.
    const leftOver = listFiles(dir).filter((path) => path !== warehouse).map((path) => relative(dir, path));
    expect(leftOver.length).toBeGreaterThan(0);
    expect.soft(leftOver.filter((path) => !path.includes('/') || !isPrivate(join(dir, path.split('/')[0]!)))).toEqual([]);
    expect.soft(countHits(scanFolder(dir, identifiers))).toEqual({});
    const raw = readdirSync(rawScratchRoot()).filter((name) => name.startsWith(`load-${child.pid}-`));
    expect(raw).toHaveLength(1);
    expect(isPrivate(rawScratchRoot())).toBe(true);
    expect(isPrivate(join(rawScratchRoot(), raw[0]!))).toBe(true);

    const next = await load(NJ27, warehouse);
    expect(next.code, next.output).toBe(0);
    expect(countHits(scanFolder(dir, identifiers))).toEqual({});
    expect(readdirSync(dir)).toEqual(['w.duckdb']);
    expect(readdirSync(rawScratchRoot()).filter((name) => name.startsWith(`load-${child.pid}-`))).toEqual([]);
    expect(identifiersIn(killed.output + next.output, identifiers)).toEqual([]);
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143]] as const)('removes the staging at %s, says nothing was published and exits %i', async (signal, exitCode) => {
    const dir = mkdtempSync(join(tmpdir(), 'popsight-bytes-i-'));
    const warehouse = join(dir, 'w.duckdb');
    expect((await load(NJ27, warehouse)).code).toBe(0);
    const before = statSync(warehouse);
    const { child, done } = startLoad(generated, warehouse);
    await waitForBuild(dir, child.pid!);
    child.kill(signal);
    const run = await done;

    expect.soft(run.code).toBe(exitCode);
    expect.soft(run.output).toContain(loadInterruptedMessage(signal, warehouse, false));
    expect.soft(readdirSync(dir)).toEqual(['w.duckdb']);
    expect.soft(countHits(scanFolder(dir, identifiers))).toEqual({});
    expect.soft(identifiersIn(run.output, identifiers)).toEqual([]);
    const after = statSync(warehouse);
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });
});
