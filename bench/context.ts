// What every bench section is given: the repository root, the settings of the run, a log and the
// environment for the child processes (a throwaway POPSIGHT_HOME and a fixed pseudonym key, so a
// bench never touches the developer's .popsight/).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface BenchSettings {
  seed: number;
  /** Uncached samples per measure query (and runs per query on each engine in section 4). */
  iterations: number;
  /** Timed runs of each query on each engine in section 4 (the median is reported). */
  engineRuns: number;
  /** Cached samples per endpoint. */
  cachedIterations: number;
  /** Seconds per autocannon run. */
  throughputSeconds: number;
  /** Connection counts for autocannon. */
  connections: number[];
  /** Statements of the load slower than this are logged (POPSIGHT_SLOW_SQL_MS). */
  slowSqlMs: number;
}

export interface BenchContext extends BenchSettings {
  root: string;
  /** Scratch folder of the run: extracts, warehouses, POPSIGHT_HOME. */
  workDir: string;
  log: (message: string) => void;
  childEnv: NodeJS.ProcessEnv;
}

export function createContext(settings: BenchSettings, workDir: string, log: (message: string) => void): BenchContext {
  const childEnv = {
    ...process.env,
    POPSIGHT_HOME: join(workDir, 'home'),
    // The load's raw folder (staging, spill files) goes in the work folder too, where --work put the room.
    POPSIGHT_SCRATCH: join(workDir, 'scratch'),
    POPSIGHT_PSEUDONYM_KEY: 'popsight-bench-key-not-secret-0123456789',
    TZ: 'UTC',
  };
  return { ...settings, root: ROOT, workDir, log, childEnv };
}

/** `node bin/run-ts.mjs <script> …args`: runs a TypeScript file of the repository in a new process. */
export function tsxCommand(script: string, args: string[]): [string, string[]] {
  return [process.execPath, [join(ROOT, 'bin', 'run-ts.mjs'), join(ROOT, script), ...args]];
}

/** `node bin/popsight.mjs …args`: the `popsight` command. */
export function popsightCommand(args: string[]): [string, string[]] {
  return [process.execPath, [join(ROOT, 'bin', 'popsight.mjs'), ...args]];
}
