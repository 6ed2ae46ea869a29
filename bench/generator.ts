// Section 1, generator: people/s, rows/s and peak memory of generatePopulation, run in a child
// process so its memory is its own.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './child-process.ts';
import type { OutputFormat } from '../generator/index.ts';
import { tsxCommand, type BenchContext } from './context.ts';

export interface GeneratorResult {
  people: number;
  /** The generator's own duration (from generatePopulation). */
  seconds: number;
  /** Child process wall time, start-up included. */
  wallSeconds: number;
  rows: number;
  files: Record<string, number>;
  bytes: number;
  peoplePerSecond: number;
  rowsPerSecond: number;
  megabytesPerSecond: number;
  peakRssBytes: number | null;
}

/** `rows` and `files` count data rows for CSV and resources for FHIR NDJSON, as the generator wrote them. */
export async function benchGenerator(ctx: BenchContext, people: number, outDir: string, format: OutputFormat = 'csv'): Promise<GeneratorResult> {
  const [command, args] = tsxCommand('bench/generate-child.ts', ['--people', String(people), '--seed', String(ctx.seed), '--out', outDir, '--format', format]);
  const run = await runMeasured(command, args, { cwd: ctx.root, env: ctx.childEnv, onLine: (line) => ctx.log(`  ${line}`) });
  const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as { people: number; files: Record<string, number>; seconds: number };
  const rows = Object.values(summary.files).reduce((a, b) => a + b, 0);
  const bytes = readdirSync(outDir).reduce((sum, name) => sum + statSync(join(outDir, name)).size, 0);
  return {
    people,
    seconds: summary.seconds,
    wallSeconds: run.seconds,
    rows,
    files: summary.files,
    bytes,
    peoplePerSecond: people / summary.seconds,
    rowsPerSecond: rows / summary.seconds,
    megabytesPerSecond: bytes / 1e6 / summary.seconds,
    peakRssBytes: run.peakRssBytes,
  };
}
