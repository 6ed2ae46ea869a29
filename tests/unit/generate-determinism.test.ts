// The generator is a pure function of (seed, people): same inputs, same bytes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePopulation, type GenerateSummary } from '../../generator/index.ts';

const root = mkdtempSync(join(tmpdir(), 'popsight-generate-'));
const dir = (name: string) => join(root, name);
const read = (name: string, file: string) => readFileSync(join(dir(name), file));

describe('generatePopulation determinism', () => {
  const progress: [number, number][] = [];
  let summary: GenerateSummary;

  beforeAll(async () => {
    summary = await generatePopulation({ people: 300, seed: 42, outDir: dir('a'), onProgress: (done, total) => progress.push([done, total]) });
    await generatePopulation({ people: 300, seed: 42, outDir: dir('b') });
    await generatePopulation({ people: 300, seed: 43, outDir: dir('c') });
    await generatePopulation({ people: 400, seed: 42, outDir: dir('d') });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('summarises rows per file and reports progress up to the total', () => {
    expect(summary.people).toBe(300);
    const patientLines = read('a', 'patients.csv').toString().split('\n').length - 2;
    expect(summary.files['patients.csv']).toBe(patientLines);
    expect(Object.keys(summary.files)).toHaveLength(18);
    expect(summary.seconds).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([300, 300]);
  });

  it('writes byte-identical files for the same seed and size', () => {
    const files = readdirSync(dir('a')).sort();
    expect(files).toHaveLength(18);
    expect(readdirSync(dir('b')).sort()).toEqual(files);
    for (const f of files) expect(read('b', f).equals(read('a', f)), f).toBe(true);
  });

  it('writes different people for a different seed', () => {
    for (const f of ['patients.csv', 'encounters.csv', 'observations.csv', 'payer_transitions.csv']) {
      expect(read('c', f).equals(read('a', f)), f).toBe(false);
    }
    const ids = (name: string) => new Set(read(name, 'patients.csv').toString().split('\n').slice(1).map((l) => l.split(',')[0]));
    const shared = [...ids('a')].filter((id) => id && ids('c').has(id));
    expect(shared).toEqual([]);
  });

  it('simulates each person independently of how many are generated', () => {
    // Person i draws only from the stream (seed, i): the first 300 of 400 are the 300.
    const first300 = (name: string) => read(name, 'patients.csv').toString().split('\n').slice(0, 301).join('\n');
    expect(first300('d')).toBe(first300('a'));
    const encounterLines = read('a', 'encounters.csv').toString();
    expect(read('d', 'encounters.csv').toString().startsWith(encounterLines)).toBe(true);
  });
});
