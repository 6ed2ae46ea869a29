// The state file as a database: one DuckDB instance per file per process (two instances on one file
// in one process would each cache and write it unaware of the other, and DuckDB's lock is
// per process, so it would not stop them), shared by reference count, with changes applied one
// transaction at a time. Never opens a second instance on a file, never leaves a transaction open.
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { openDatabase, type Database, type Row, type SqlValue } from '../../core/warehouse/database.ts';
import { StateStoreError, stateMessages } from './state-errors.ts';

/** What one change sees: its statements run in one transaction on one connection. */
export interface StateTransaction {
  /** Runs a statement (or a `;`-separated script without values); resolves to the rows it changed. */
  run(sql: string, values?: SqlValue[]): Promise<number>;
  /** Rows as DuckDB returns them: cast in SQL (`::INTEGER`, `::VARCHAR`) to get plain values. */
  query<T extends Row = Row>(sql: string, values?: SqlValue[]): Promise<T[]>;
}

export interface StateDatabase {
  readonly file: string;
  /**
   * Memory that lives with the open file: shared by every reference this process holds on it and
   * dropped when the last one closes it (the audit chain's head is kept here).
   */
  readonly memory: Map<string, unknown>;
  /** Reads committed rows (plain JS values, timestamps as ISO strings); runs beside changes. */
  query<T extends Row = Row>(sql: string, values?: SqlValue[]): Promise<T[]>;
  /** Runs `work` in one transaction, after every change asked for before it: all of it or nothing. */
  change<T>(work: (tx: StateTransaction) => Promise<T>): Promise<T>;
  /** Gives this reference back; the last one closes the file once pending changes are done. */
  release(): Promise<void>;
}

interface Shared {
  db: Promise<Database>;
  references: number;
  /** The tail of the change queue. */
  queue: Promise<unknown>;
  memory: Map<string, unknown>;
}

const open = new Map<string, Shared>();

// The state tables are small: one thread keeps the state file from competing with the warehouse.
const SETTINGS = { threads: '1' };

/** Opens `file` (in a folder that exists), or shares the instance this process already has on it. */
export async function openStateDatabase(file: string): Promise<StateDatabase> {
  // Keyed by the real path: two spellings of one folder (a symlink) must not get two instances.
  const key = join(realpathSync(dirname(file)), basename(file));
  let shared = open.get(key);
  if (!shared) {
    shared = { db: openFile(file), references: 0, queue: Promise.resolve(), memory: new Map() };
    open.set(key, shared);
  }
  shared.references += 1;
  let db: Database;
  try {
    db = await shared.db;
  } catch (error) {
    if (--shared.references === 0 && open.get(key) === shared) open.delete(key);
    throw error;
  }
  const entry = shared;
  let released = false;

  function change<T>(work: (tx: StateTransaction) => Promise<T>): Promise<T> {
    if (released) return Promise.reject(new Error(stateMessages.closed(file)));
    const run = entry.queue.then(() => db.withConnection((connection) => inTransaction(connection, work)));
    entry.queue = run.catch(() => undefined);
    return run;
  }

  return {
    file,
    memory: entry.memory,
    query: (sql, values) => (released ? Promise.reject(new Error(stateMessages.closed(file))) : db.query(sql, values)),
    change,
    async release() {
      if (released) return;
      released = true;
      await entry.queue;
      if (--entry.references > 0) return;
      open.delete(key);
      db.close();
    },
  };
}

async function openFile(file: string): Promise<Database> {
  try {
    return await openDatabase(file, { settings: SETTINGS });
  } catch (error) {
    // DuckDB: `IO Error: Could not set lock on file "…": Conflicting lock is held in /usr/bin/node (PID 123)…`
    const message = error instanceof Error ? error.message : String(error);
    if (!/Could not set lock on file/i.test(message)) throw error;
    const holder = /held in (.+?) \(PID (\d+)\)/.exec(message);
    throw new StateStoreError('state_in_use', stateMessages.inUse(file, holder ? `PID ${holder[2]}, ${holder[1]}` : undefined), { cause: error });
  }
}

async function inTransaction<T>(connection: DuckDBConnection, work: (tx: StateTransaction) => Promise<T>): Promise<T> {
  const tx: StateTransaction = {
    async run(sql, values = []) {
      const result = await connection.run(sql, values as DuckDBValue[]);
      return Number(result.rowsChanged);
    },
    async query<R extends Row>(sql: string, values: SqlValue[] = []) {
      return (await connection.runAndReadAll(sql, values as DuckDBValue[])).getRowObjects() as R[];
    },
  };
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work(tx);
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    // A failed COMMIT has rolled back already and then ROLLBACK itself fails: report the first error.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
