// One load at a time per warehouse: without a lock, two loads both publish by rename and the later
// one silently drops the other's extract and run record (issue 14, finding 5). A second load stops
// with a message naming the running one; a lock left by a process that died is taken over.
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { LoadError } from './load-errors.ts';
import { ensureScratchRoot, removeScratchRootIfEmpty, scratchRootFor } from './scratch.ts';
import { isAlive } from './stale-builds.ts';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  source: string;
}

export interface WarehouseLock {
  readonly path: string;
  /** Removes the lock if it is still ours (synchronous, so a signal handler can call it). */
  release(): void;
}

export class WarehouseBusyError extends LoadError {
  constructor(warehouse: string, readonly holder: LockHolder) {
    super(warehouse, warehouseBusyMessage(holder));
    this.name = 'WarehouseBusyError';
  }
}

export function warehouseBusyMessage(holder: LockHolder): string {
  return `another load into this warehouse is running (PID ${holder.pid} on ${holder.host}, started at ${holder.startedAt}); ` +
    'nothing was changed: load again once it has finished';
}

export function lockPathFor(warehouse: string): string {
  return join(scratchRootFor(warehouse), `${basename(warehouse)}.lock`);
}

export function acquireWarehouseLock(warehouse: string, options: { source: string; now: Date; pid?: number }): WarehouseLock {
  const me: LockHolder = { pid: options.pid ?? process.pid, host: hostname(), startedAt: options.now.toISOString(), source: options.source };
  const path = lockPathFor(warehouse);
  ensureScratchRoot(warehouse);
  // The lock is written whole to a file of our own, then hard-linked into place: link(2) fails if the
  // lock exists, and a reader never sees a half-written lock.
  const mine = `${path}.${me.pid}`;
  try {
    writeFileSync(mine, JSON.stringify(me), { mode: 0o600 });
  } catch (error) {
    // A load that just finished may have removed the (then empty) scratch root after our mkdir.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    ensureScratchRoot(warehouse);
    writeFileSync(mine, JSON.stringify(me), { mode: 0o600 });
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, path);
        return { path, release: () => releaseIfOurs(warehouse, path, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder && (holder.host !== me.host || isAlive(holder.pid))) throw new WarehouseBusyError(warehouse, holder);
      if (attempt >= 3) throw new WarehouseBusyError(warehouse, holder ?? { ...me, pid: -1, startedAt: 'unknown' });
      takeOverStale(path);
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return undefined; // gone meanwhile, or not ours to read: the caller tries again
  }
}

/** Moves a dead process's lock aside; if what was moved is a live load's (one that took it over first), it is put back. */
function takeOverStale(path: string): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // another load moved it first
  }
  const moved = readHolder(aside);
  if (moved && (moved.host !== hostname() || isAlive(moved.pid))) {
    try {
      linkSync(aside, path);
    } catch {
      // a third load holds it now; the one we moved runs on and finds at release that its lock is gone
    }
  }
  rmSync(aside, { force: true });
}

function releaseIfOurs(warehouse: string, path: string, me: LockHolder): void {
  const holder = readHolder(path);
  if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) rmSync(path, { force: true });
  removeScratchRootIfEmpty(warehouse);
}
