// Opening a warehouse file read-only for the operator's commands (status, quality, quarantine,
// export): a missing file, a file another process holds open for writing, or a file that is not a
// DuckDB database each get a message naming the file and what to do. Never opens for writing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, type Database } from '../warehouse/database.ts';
import { loadMessages } from './load-messages.ts';

export async function openWarehouseReadOnly(file: string): Promise<Database> {
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(loadMessages.noWarehouse(path));
  try {
    return await openDatabase(path, { readOnly: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // DuckDB: "Could not set lock on file …: Conflicting lock is held in /usr/bin/node (PID 6449)".
    const holder = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(reason);
    if (/Could not set lock/.test(reason)) throw new Error(loadMessages.warehouseLocked(path, holder ? `${holder[1]}, PID ${holder[2]}` : null), { cause: error });
    throw new Error(loadMessages.notAWarehouse(path, reason), { cause: error });
  }
}
