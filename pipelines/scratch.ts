// The private scratch folders of one load, both mode 0700 and never outliving it (removed on success,
// failure and SIGINT/SIGTERM; after SIGKILL, by the next popsight command):
// - the raw folder, in the system's temporary folder (POPSIGHT_SCRATCH overrides it), holds the
//   staging database with the extract's raw rows and DuckDB's spill files: raw identifiers never
//   reach the warehouse's folder, not even when a load is killed;
// - the build folder, `.popsight-scratch/` beside the warehouse, holds the build (pseudonymized
//   tables only) and the fresh copy that is published: it must be on the warehouse's file system
//   for an atomic rename.
import { chmodSync, mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export const SCRATCH_FOLDER = '.popsight-scratch';

export interface LoadScratch {
  /** The build folder, beside the warehouse. */
  readonly dir: string;
  /** The raw folder, in the system's temporary folder. */
  readonly rawDir: string;
  /** Raw rows of the extract (the instance's main database; DuckDB spills to `<staging>.tmp`). */
  readonly stagingPath: string;
  /** The warehouse being built (attached as `wh`). */
  readonly buildPath: string;
  /** The fresh file the finished build is copied into, holding no freed pages; renamed over the warehouse. */
  readonly publishPath: string;
  /** Removes the staging database and its spill files once the load's instance is closed (the copy then needs no raw rows). */
  removeStaging(): void;
  /** Removes the folder and everything in it (synchronous, so a signal handler can call it). */
  remove(): void;
}

export function scratchRootFor(warehouse: string): string {
  return join(dirname(warehouse), SCRATCH_FOLDER);
}

/** Where the raw folders of this user's loads live: `<POPSIGHT_SCRATCH or tmpdir>/popsight-scratch-<uid>`. */
export function rawScratchRoot(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.POPSIGHT_SCRATCH || tmpdir(), `popsight-scratch-${userInfo().uid}`);
}

/** `load-<pid>-<random>`: the pid lets the next load tell a dead load's folder from a running one's. */
export const scratchPattern = /^load-(\d+)-[A-Za-z0-9]+$/;

export function createLoadScratch(warehouse: string, pid = process.pid): LoadScratch {
  const root = ensureScratchRoot(warehouse);
  let dir: string;
  try {
    dir = mkdtempSync(join(root, `load-${pid}-`));
  } catch (error) {
    // Another load may have removed the (then empty) root between our mkdir and mkdtemp.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    dir = mkdtempSync(join(ensureScratchRoot(warehouse), `load-${pid}-`));
  }
  const rawDir = mkdtempSync(join(privateFolder(rawScratchRoot()), `load-${pid}-`));
  // DuckDB names a database after its file: these names must not collide with a schema or alias of the load.
  const stagingPath = join(rawDir, 'popsight_staging.duckdb');
  return {
    dir,
    rawDir,
    stagingPath,
    buildPath: join(dir, 'popsight_build.duckdb'),
    publishPath: join(dir, 'popsight_publish.duckdb'),
    removeStaging: () => {
      for (const path of [stagingPath, `${stagingPath}.wal`, `${stagingPath}.tmp`]) rmSync(path, { recursive: true, force: true });
    },
    remove: () => {
      rmSync(rawDir, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
      removeScratchRootIfEmpty(warehouse);
    },
  };
}

/** The root is created 0700 (mkdtemp makes each load's folder 0700 too): raw rows are readable by their owner only. */
export function ensureScratchRoot(warehouse: string): string {
  return privateFolder(scratchRootFor(warehouse));
}

function privateFolder(path: string): string {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700); // in case it was made by hand, or under another umask
  return path;
}

/** Leaves the warehouse folder as it was when no other load is running in it. */
export function removeScratchRootIfEmpty(warehouse: string): void {
  try {
    rmdirSync(scratchRootFor(warehouse));
  } catch {
    // ENOTEMPTY (another load, or its lock) or ENOENT: nothing to do.
  }
}

/** What the CLI prints when a signal ends a load (the test of the interruption matches it). */
export function loadInterruptedMessage(signal: string, warehouse: string, published: boolean): string {
  return published
    ? `Load interrupted (${signal}) after ${warehouse} was published; its scratch files were removed.`
    : `Load interrupted (${signal}): nothing was published, ${warehouse} is unchanged and the load's scratch files were removed.`;
}
