// The private scratch folder of one load: the staging database (raw rows), the build and the fresh
// copy that is published. It lives in `.popsight-scratch/` beside the warehouse (the fresh copy must
// be on the warehouse's file system for an atomic rename), mode 0700, and must never outlive its load:
// removed on success, failure and SIGINT/SIGTERM, and by the next load when its process was killed.
import { chmodSync, mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SCRATCH_FOLDER = '.popsight-scratch';

export interface LoadScratch {
  readonly dir: string;
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
  // DuckDB names a database after its file: these names must not collide with a schema or alias of the load.
  const stagingPath = join(dir, 'popsight_staging.duckdb');
  return {
    dir,
    stagingPath,
    buildPath: join(dir, 'popsight_build.duckdb'),
    publishPath: join(dir, 'popsight_publish.duckdb'),
    removeStaging: () => {
      for (const path of [stagingPath, `${stagingPath}.wal`, `${stagingPath}.tmp`]) rmSync(path, { recursive: true, force: true });
    },
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      removeScratchRootIfEmpty(warehouse);
    },
  };
}

/** The root is created 0700 (mkdtemp makes each load's folder 0700 too): raw rows are readable by their owner only. */
export function ensureScratchRoot(warehouse: string): string {
  const root = scratchRootFor(warehouse);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700); // in case it was made by hand, or under another umask
  return root;
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
