// 7. Publish: a warehouse is built in a file beside the target and renamed over it only when complete.
// rename(2) is atomic on one file system, so a reader sees the old warehouse or the new one, never a half.
import { existsSync, renameSync, rmSync } from 'node:fs';

export function buildPathFor(target: string): string {
  return `${target}.building-${process.pid}`;
}

export function publishWarehouse(buildPath: string, target: string): void {
  rmSync(`${buildPath}.wal`, { force: true });
  renameSync(buildPath, target);
}

export function discardBuild(buildPath: string): void {
  for (const path of [buildPath, `${buildPath}.wal`]) if (existsSync(path)) rmSync(path, { force: true });
}
