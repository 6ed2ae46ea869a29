// `npm run bench`: generator, load, API, PostgreSQL and dashboard benchmarks at one or more population
// sizes, side by side with their baselines in the same run. Writes bench/results/<timestamp>.json and
// .md and updates docs/performance.md. Exits 0 when targets fail (a finding), 1 when the bench breaks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../core/warehouse/database.ts';
import { runCleanup, onCleanup } from './cleanup.ts';
import { parseOptions, UsageError, type BenchOptions } from './cli-options.ts';
import { createContext, ROOT, type BenchSettings } from './context.ts';
import { updatePerformanceDocs } from './docs.ts';
import { printVerdicts, scalingRow, writeResults } from './report.ts';
import { benchSize } from './run-size.ts';
import { judgeTargets } from './targets.ts';
import type { BenchResults, Machine, SizeRun, SourceState } from './types.ts';

/**
 * Disk a size needs at its peak: the CSV extract (~21 KB a person) and what the load writes beside
 * the warehouse (staging database, spill files, the build: more than 50 KB a person at 1M).
 */
const EXTRACT_BYTES_PER_PERSON = 21_000;
const LOAD_BYTES_PER_PERSON = 70_000;

const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.publish) return publishResults(options);
  mkdirSync(options.workParent, { recursive: true }); // --work may name a folder that does not exist yet
  checkDisk(options);
  const workDir = mkdtempSync(join(options.workParent, 'popsight-bench-'));
  const removeWork = onCleanup(() => rmSync(workDir, { recursive: true, force: true }));
  const settings: BenchSettings = {
    seed: options.seed, iterations: options.iterations, cachedIterations: options.cachedIterations, engineRuns: options.engineRuns,
    throughputSeconds: options.throughputSeconds, connections: options.connections, slowSqlMs: options.slowSqlMs,
  };
  const ctx = createContext(settings, workDir, log);
  const startedAt = new Date().toISOString();
  const source = describeSource(); // the code measured is the code at the start (the checkout may move during a long run)
  log(`sizes ${options.people.map((n) => n.toLocaleString('en-US')).join(', ')}; work folder ${workDir}`);

  const runs: SizeRun[] = [];
  let broken = false;
  for (const people of options.people) {
    const result = await benchSize(ctx, people, options);
    runs.push(result.run);
    broken ||= result.broken;
  }
  if (options.keep) {
    removeWork();
    log(`kept the generated data in ${workDir}`);
  }

  const results: BenchResults = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    source,
    machine: await describeMachine(),
    settings: { ...settings, skip: [...options.skip], freeExtract: options.freeExtract, env: popsightEnv() },
    runs,
    scaling: runs.map((run) => scalingRow(run, startedAt, source)),
  };
  const written = writeResults(results, options.outDir);
  printVerdicts(runs, log);
  log(`results: ${written.json}\n          ${written.markdown}`);
  if (options.docsDir) log(`updated ${await updatePerformanceDocs(results, options.docsDir)}`);
  if (broken) log('a section failed (see above): exit code 1');
  return broken ? 1 : 0;
}

/** --publish: the docs from a results file, nothing run. */
async function publishResults(options: BenchOptions): Promise<number> {
  if (!options.docsDir) throw new UsageError('--publish updates the docs: it cannot be combined with --no-docs');
  const results = JSON.parse(readFileSync(options.publish!, 'utf8')) as BenchResults;
  if (results.version !== 1 || !Array.isArray(results.runs)) throw new UsageError(`${options.publish} is not a results file of \`npm run bench\` (version 1)`);
  // Judged again by this checkout's targets: a results file written by an older checkout (or another
  // branch) lacks the targets added since, which would otherwise drop them from the page.
  results.runs = results.runs.map((run) => ({ ...run, targets: judgeTargets(run) }));
  log(`updated ${await updatePerformanceDocs(results, options.docsDir)} from ${options.publish}`);
  return 0;
}

/** The POPSIGHT_* settings the children ran with (the pseudonym key left out), e.g. POPSIGHT_LOAD_MEMORY. */
function popsightEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('POPSIGHT_') && !name.includes('KEY') && name !== 'POPSIGHT_HOME') as [string, string][]);
}

function checkDisk(options: BenchOptions): void {
  if (options.warehouse) return; // nothing generated or loaded
  const largest = Math.max(...options.people);
  const stat = statfsSync(options.workParent);
  const free = stat.bavail * stat.bsize;
  const needed = largest * (LOAD_BYTES_PER_PERSON + (options.freeExtract ? 0 : EXTRACT_BYTES_PER_PERSON));
  if (free < needed) {
    throw new Error(`${largest.toLocaleString('en-US')} people need about ${(needed / 1e9).toFixed(0)} GB free in ${options.workParent}, which has ${(free / 1e9).toFixed(0)} GB: pass --work DIR on a larger disk${options.freeExtract ? '' : ', or --free-extract'}`);
  }
}

function describeSource(): SourceState {
  const git = (args: string[]) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    // The bench's own files do not count: the figures are of the code it measures.
    const modified = git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench']).split('\n').filter(Boolean).length;
    return { commit: git(['rev-parse', 'HEAD']).trim(), modifiedFiles: modified };
  } catch {
    return { commit: null, modifiedFiles: null }; // not a git checkout
  }
}

async function describeMachine(): Promise<Machine> {
  const db = await openDatabase(':memory:');
  try {
    const [{ version }] = await db.query<{ version: string }>('SELECT version() AS version');
    return { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryBytes: totalmem(), node: process.versions.node, duckdb: version, platform: `${platform()} ${release()}` };
  } finally {
    db.close();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping servers and the PostgreSQL cluster, removing scratch data …`);
    void runCleanup(log).finally(() => process.exit(130));
  });
}

let code = 1;
try {
  code = await main();
} catch (error) {
  if (error instanceof UsageError) console.error(error.message);
  else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await runCleanup(log);
}
process.exit(code);
