// 7. Publish: a warehouse is built in a file beside the target and renamed over it only when complete.
// rename(2) is atomic on one file system, so a reader sees the old warehouse or the new one, never a half.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function buildPathFor(target: string, pid = process.pid): string {
  return `${target}.building-${pid}`;
}

/**
 * The staging database beside the target. DuckDB names a database after its file, so the name
 * starts with a prefix of ours: a warehouse called fhir.duckdb or wh.duckdb must not give a
 * catalog that collides with a schema or alias of the load.
 */
export function stagingPathFor(target: string, pid = process.pid): string {
  return join(dirname(target), `popsight_staging_${pid}_${basename(target)}`);
}

export function publishWarehouse(buildPath: string, target: string): void {
  rmSync(`${buildPath}.wal`, { force: true });
  renameSync(buildPath, target);
}

export function discardBuild(buildPath: string): void {
  for (const path of [buildPath, `${buildPath}.wal`]) if (existsSync(path)) rmSync(path, { force: true });
}
