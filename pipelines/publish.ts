// 7. Publish: the finished build is copied into a fresh file, which is renamed over the warehouse.
// The copy holds only the final tables: no freed pages of staging, pseudonymization or earlier
// content (DuckDB reuses and frees blocks but never scrubs them). rename(2) is atomic on one file
// system, so a reader sees the old warehouse or the new one, never a half.
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database } from '../core/warehouse/database.ts';
import { quoteLiteral } from '../core/warehouse/sql.ts';

/** Copies every schema, table and view of the attached database `from` into a new file at `publishPath`. */
export async function copyToFreshFile(db: Database, from: string, publishPath: string): Promise<void> {
  await db.run(`ATTACH ${quoteLiteral(publishPath)} AS fresh`);
  try {
    await db.run(`COPY FROM DATABASE ${from} TO fresh`);
    await db.run('CHECKPOINT fresh');
  } finally {
    await db.run('DETACH fresh');
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
