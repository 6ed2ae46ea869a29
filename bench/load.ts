// Section 2, load: `popsight load` of the generated extract in a child process (time, peak RSS,
// peak scratch disk, the time of each numbered stage, statements slower than POPSIGHT_SLOW_SQL_MS),
// and beside it, in the same run, DuckDB's own read_csv of the same files into plain tables of a
// fresh file.
import { readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runMeasured } from './child-process.ts';
import { popsightCommand, tsxCommand, type BenchContext } from './context.ts';

export interface LoadBench {
  /** Wall time of the `popsight load` process. */
  seconds: number;
  peakRssBytes: number | null;
  /** Most disk the load's own files took at once (staging database, spill files, the build), the extract not counted. */
  peakScratchBytes: number;
  /** Least free space on the work folder's file system during the load. */
  minFreeBytes: number;
  warehouseBytes: number;
  stages: LoadStage[];
  slowSql: { ms: number; sql: string }[];
  baseline: { seconds: number; peakRssBytes: number | null; databaseBytes: number };
  /** Load time over the read_csv baseline (both child-process wall times). */
  ratio: number;
}

/** A numbered stage of `popsight load` and its time, from its "N/7 name done in S s" line. */
export interface LoadStage {
  stage: string;
  seconds: number;
}

const STAGE_DONE = /(\d\/7 .+?) done in ([\d.]+) s/;

export function stageDone(line: string): LoadStage | null {
  const match = STAGE_DONE.exec(line);
  return match ? { stage: match[1]!, seconds: Number(match[2]) } : null;
}
const SLOW_SQL = /\[slow sql (\d+) ms\] (.*)$/;
const DISK_POLL_MS = 2_000;

/** `freeExtract`: delete the extract's files once the load has staged them (1/7 done), for a disk short of room. */
export async function benchLoad(ctx: BenchContext, extract: string, warehouse: string, options: { freeExtract?: boolean } = {}): Promise<LoadBench> {
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
  const disk = { peakScratchBytes: 0, minFreeBytes: Number.POSITIVE_INFINITY };
  const pollDisk = () => {
    disk.peakScratchBytes = Math.max(disk.peakScratchBytes, diskUsage(dirname(warehouse), extract));
    const fs = statfsSync(dirname(warehouse));
    disk.minFreeBytes = Math.min(disk.minFreeBytes, fs.bavail * fs.bsize);
  };
  const poller = setInterval(pollDisk, DISK_POLL_MS);
  const [command, args] = popsightCommand(['load', extract, '--warehouse', warehouse, '--replace']);
  try {
    const load = await runMeasured(command, args, {
      cwd: ctx.root,
      env: { ...ctx.childEnv, POPSIGHT_SLOW_SQL_MS: String(ctx.slowSqlMs) },
      onLine: (line) => {
        const stage = stageDone(line);
        if (stage) stages.push(stage);
        const slow = SLOW_SQL.exec(line);
        if (slow) slowSql.push({ ms: Number(slow[1]), sql: slow[2]! });
        if (stage || slow || !line.includes('%')) ctx.log(`  ${line.replace(/\x1b\[K/g, '')}`);
        if (options.freeExtract && stage?.stage.startsWith('1/7')) {
          rmSync(extract, { recursive: true, force: true });
          ctx.log('  --free-extract: removed the extract, which the load has staged');
        }
      },
    });
    pollDisk();
    return {
      seconds: load.seconds,
      peakRssBytes: load.peakRssBytes,
      ...disk,
      warehouseBytes: statSync(warehouse).size,
      stages,
      slowSql: slowSql.sort((a, b) => b.ms - a.ms),
      baseline: { seconds: csv.seconds, peakRssBytes: csv.peakRssBytes, databaseBytes },
      ratio: load.seconds / csv.seconds,
    };
  } catch (error) {
    pollDisk();
    const gb = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GB`;
    const [first, ...rest] = (error instanceof Error ? error.message : String(error)).split('\n');
    throw new Error(`${first} (scratch disk at peak ${gb(disk.peakScratchBytes)}, free space down to ${gb(disk.minFreeBytes)})\n${rest.join('\n')}`, { cause: error });
  } finally {
    clearInterval(poller);
  }
}

/** Bytes on disk of everything under `dir` except the folder `skip`. */
function diskUsage(dir: string, skip: string): number {
  let bytes = 0;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (path === skip || path.startsWith(`${skip}/`)) continue;
    try {
      const stat = statSync(path);
      if (stat.isFile()) bytes += stat.blocks * 512;
    } catch {
      /* removed while we looked */
    }
  }
  return bytes;
}
