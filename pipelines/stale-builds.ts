// A load killed with SIGKILL cannot clean up after itself: its `.building-<pid>` and
// `.staging-<pid>` files stay beside the warehouse. The next load removes those whose process is gone.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function removeStaleBuilds(warehouse: string): string[] {
  const prefix = basename(warehouse);
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(building|staging)-(\\d+)(\\.wal|\\.tmp)?$`);
  const removed: string[] = [];
  if (!existsSync(dirname(warehouse))) return removed;
  for (const name of readdirSync(dirname(warehouse))) {
    const match = pattern.exec(name);
    if (!match || isAlive(Number(match[2]))) continue;
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
