// A load killed with SIGKILL cannot clean up after itself: its raw folder (the staging database) stays
// in the system's temporary folder and its build folder in `.popsight-scratch/`. Every popsight
// command starts by removing those whose process is gone,
// and the `<warehouse>.building-<pid>` / `popsight_staging_<pid>_<warehouse>` files earlier versions left beside it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { rawScratchRoot, removeScratchRootIfEmpty, scratchPattern, scratchRootFor } from './scratch.ts';

export function removeStaleBuilds(warehouse: string): string[] {
  const removed = removeDeadLoads(scratchRootFor(warehouse));
  removeScratchRootIfEmpty(warehouse);
  // The raw folders of this user's dead loads, whatever warehouse they were for.
  removed.push(...removeDeadLoads(rawScratchRoot()));
  const escaped = basename(warehouse).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const legacy = new RegExp(`^(?:${escaped}\\.building-(\\d+)|popsight_staging_(\\d+)_${escaped})(\\.wal|\\.tmp)?$`);
  if (!existsSync(dirname(warehouse))) return removed;
  for (const name of readdirSync(dirname(warehouse))) {
    const match = legacy.exec(name);
    if (!match || isAlive(Number(match[1] ?? match[2]))) continue;
    rmSync(join(dirname(warehouse), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Removes the `load-<pid>-…` folders under `root` whose process is gone; their names, as removed. */
function removeDeadLoads(root: string): string[] {
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(root)) {
    const match = scratchPattern.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(join(basename(root), name));
  }
  return removed;
}

/** Whether a process with this id runs (a pid reused by another process counts as alive: we then keep too much, never too little). */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
