// Where an export is written: checked before anything is read, built in a hidden folder beside it and
// renamed into place only when complete (rename(2) is atomic on one file system), so DIR holds a whole
// export or none. Must never delete a folder that is not an earlier export.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isAlive } from '../stale-builds.ts';
import { exportMessages } from './export-messages.ts';

/** The manifest's `format`: what marks a folder as an export that `--force` may replace. */
export const EXPORT_FORMAT = 'popsight-parquet-export';
export const MANIFEST_FILE = 'manifest.json';

export interface Destination {
  /** The folder asked for, absolute. */
  dir: string;
  /** The hidden folder the export is built in, beside `dir`. */
  partial: string;
  /** Moves the finished export into `dir` (replacing an earlier export there with --force). */
  commit(): void;
  /** Removes the partial folder (synchronous, so a signal handler can call it). */
  discard(): void;
}

/** Refuses a `dir` that exists and is not empty (or with `force`, that is not an earlier export); no side effect then. */
export function checkDestination(target: string, options: { force: boolean }): string {
  const dir = resolve(target);
  if (!existsSync(dir)) return dir;
  if (!statSync(dir).isDirectory()) throw new Error(exportMessages.notAFolder(dir));
  if (readdirSync(dir).length === 0) return dir;
  if (!options.force) throw new Error(exportMessages.notEmpty(dir));
  if (!isEarlierExport(dir)) throw new Error(exportMessages.notAnExport(dir));
  return dir;
}

function isEarlierExport(dir: string): boolean {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')).format === EXPORT_FORMAT;
  } catch {
    return false;
  }
}

const partialPrefix = (dir: string) => `.${basename(dir)}.partial-`;

/** Creates the partial folder beside `dir` (checked by checkDestination first). */
export function openDestination(dir: string, pid = process.pid): Destination {
  mkdirSync(dirname(dir), { recursive: true });
  const partial = join(dirname(dir), `${partialPrefix(dir)}${pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  const discard = () => rmSync(partial, { recursive: true, force: true });
  return {
    dir,
    partial,
    discard,
    commit() {
      if (existsSync(dir)) {
        // Checked again: another process may have written there while we exported.
        if (readdirSync(dir).length && !isEarlierExport(dir)) throw new Error(exportMessages.notAnExport(dir));
        const replaced = join(dirname(dir), `.${basename(dir)}.replaced-${pid}`);
        renameSync(dir, replaced);
        renameSync(partial, dir);
        rmSync(replaced, { recursive: true, force: true });
      } else {
        renameSync(partial, dir);
      }
    },
  };
}

/** Removes what exports killed with SIGKILL left beside `dir` (a process no longer alive); returns their names. */
export function removeStalePartials(target: string): string[] {
  const dir = resolve(target);
  const parent = dirname(dir);
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(partialPrefix(dir))) continue;
    const pid = Number(name.slice(partialPrefix(dir).length));
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
