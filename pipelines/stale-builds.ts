// A load killed with SIGKILL cannot clean up after itself: its scratch folder (raw rows in the staging
// database) stays in `.popsight-scratch/`. Every load starts by removing those whose process is gone,
// and the `<warehouse>.building-<pid>` / `popsight_staging_<pid>_<warehouse>` files earlier versions left beside it.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeScratchRootIfEmpty, scratchPattern, scratchRootFor } from './scratch.ts';

export function removeStaleBuilds(warehouse: string): string[] {
  const removed: string[] = [];
  const root = scratchRootFor(warehouse);
  if (existsSync(root)) {
    for (const name of readdirSync(root)) {
      const match = scratchPattern.exec(name);
      if (!match || isAlive(Number(match[1]))) continue;
      rmSync(join(root, name), { recursive: true, force: true });
      removed.push(join(basename(root), name));
    }
    removeScratchRootIfEmpty(warehouse);
  }
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
