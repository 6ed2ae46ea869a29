// A load killed with SIGKILL cannot clean up after itself: its `<warehouse>.building-<pid>` and
// `popsight_staging_<pid>_<warehouse>` files stay beside it. The next load removes those whose process is gone.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function removeStaleBuilds(warehouse: string): string[] {
  const escaped = basename(warehouse).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^(?:${escaped}\\.building-(\\d+)|popsight_staging_(\\d+)_${escaped})(\\.wal|\\.tmp)?$`);
  const removed: string[] = [];
  if (!existsSync(dirname(warehouse))) return removed;
  for (const name of readdirSync(dirname(warehouse))) {
    const match = pattern.exec(name);
    if (!match || isAlive(Number(match[1] ?? match[2]))) continue;
    rmSync(join(dirname(warehouse), name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
