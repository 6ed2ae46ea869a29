// Section 2, load: `popsight load` of the generated extract in a child process (time, peak RSS,
// the time of each numbered stage, statements slower than POPSIGHT_SLOW_SQL_MS), and beside it,
// in the same run, DuckDB's own read_csv of the same files into plain tables of a fresh file.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './child-process.ts';
import { popsightCommand, tsxCommand, type BenchContext } from './context.ts';

export interface LoadBench {
  /** Wall time of the `popsight load` process. */
  seconds: number;
  peakRssBytes: number | null;
  warehouseBytes: number;
  stages: { stage: string; seconds: number }[];
  slowSql: { ms: number; sql: string }[];
  baseline: { seconds: number; peakRssBytes: number | null; databaseBytes: number };
  /** Load time over the read_csv baseline (both child-process wall times). */
  ratio: number;
}

const STAGE_DONE = /(\d\/7 .+?) done in ([\d.]+) s/;
const SLOW_SQL = /\[slow sql (\d+) ms\] (.*)$/;

export async function benchLoad(ctx: BenchContext, extract: string, warehouse: string): Promise<LoadBench> {
  // The floor first: DuckDB's CSV reader into a throwaway database, removed once measured.
  const baselineFile = join(ctx.workDir, 'read-csv-baseline.duckdb');
  rmSync(baselineFile, { force: true });
  const [csvCommand, csvArgs] = tsxCommand('bench/read-csv-child.ts', [extract, baselineFile]);
  ctx.log('  DuckDB read_csv of the same files …');
  const csv = await runMeasured(csvCommand, csvArgs, { cwd: ctx.root, env: ctx.childEnv, onLine: (line) => ctx.log(`  ${line}`) });
  const databaseBytes = statSync(baselineFile).size;
  rmSync(baselineFile, { force: true });
  rmSync(`${baselineFile}.wal`, { force: true });
  ctx.log(`  read_csv: ${csv.seconds.toFixed(1)} s`);

  const stages: LoadBench['stages'] = [];
  const slowSql: LoadBench['slowSql'] = [];
  const [command, args] = popsightCommand(['load', extract, '--warehouse', warehouse, '--replace']);
  const load = await runMeasured(command, args, {
    cwd: ctx.root,
    env: { ...ctx.childEnv, POPSIGHT_SLOW_SQL_MS: String(ctx.slowSqlMs) },
    onLine: (line) => {
      const stage = STAGE_DONE.exec(line);
      if (stage) stages.push({ stage: stage[1]!, seconds: Number(stage[2]) });
      const slow = SLOW_SQL.exec(line);
      if (slow) slowSql.push({ ms: Number(slow[1]), sql: slow[2]! });
      if (stage || slow || !line.includes('%')) ctx.log(`  ${line.replace(/\x1b\[K/g, '')}`);
    },
  });
  return {
    seconds: load.seconds,
    peakRssBytes: load.peakRssBytes,
    warehouseBytes: statSync(warehouse).size,
    stages,
    slowSql: slowSql.sort((a, b) => b.ms - a.ms),
    baseline: { seconds: csv.seconds, peakRssBytes: csv.peakRssBytes, databaseBytes },
    ratio: load.seconds / csv.seconds,
  };
}
