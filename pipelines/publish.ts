// 7. Publish: the finished build is copied into a fresh file, which is renamed over the warehouse.
// The copy holds only the final tables: no freed pages of staging, pseudonymization or earlier
// content (DuckDB reuses and frees blocks but never scrubs them). rename(2) is atomic on one file
// system, so a reader sees the old warehouse or the new one, never a half.
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openDatabase } from '../core/warehouse/database.ts';
import { quoteLiteral } from '../core/warehouse/sql.ts';

/**
 * Copies every schema, table and view of the finished build into a new file at `publishPath`. It runs
 * in an instance of its own, opened once the load's is closed: the build is read as checkpointed, and
 * the copy ends with no free blocks (copied from the load's instance, with its build still attached,
 * a 20,000-person warehouse had 31).
 */
export async function copyToFreshFile(buildPath: string, publishPath: string, settings: { temp_directory: string; memory_limit: string }): Promise<void> {
  const db = await openDatabase(':memory:', { settings });
  try {
    await db.run(`ATTACH ${quoteLiteral(buildPath)} AS build (READ_ONLY)`);
    await db.run(`ATTACH ${quoteLiteral(publishPath)} AS fresh`);
    await db.run('COPY FROM DATABASE build TO fresh');
    await db.run('CHECKPOINT fresh');
    await db.run('DETACH fresh');
  } finally {
    db.close();
  }
}

export function publishWarehouse(publishPath: string, target: string): void {
  rmSync(`${publishPath}.wal`, { force: true });
  renameSync(publishPath, target);
}

/**
 * Where versions before the scratch folder kept their staging database, beside the target (the
 * stale-build sweep still removes what a killed load of such a version left there).
 */
export function stagingPathFor(target: string, pid = process.pid): string {
  return join(dirname(target), `popsight_staging_${pid}_${basename(target)}`);
}
