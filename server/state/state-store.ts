// The server's writable state (saved cohorts, the cohort ledger and the audit log now; users, sessions, reports and
// deliveries as later migrations) in one DuckDB file, `<state dir>/state.duckdb`, apart from the warehouse
// so that it survives warehouse swaps. Opening it migrates the schema and imports a legacy
// cohorts.json in one transaction; it never starts empty over a file it could not read.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AccountStores } from '../../core/accounts/account-stores.ts';
import type { AuditLog } from '../../core/audit/audit-log.ts';
import type { CohortLedger } from '../../core/cohorts/cohort-ledger.ts';
import type { CohortStore } from '../../core/cohorts/saved-cohort.ts';
import { sqlApiTokenStore, sqlSessionStore, sqlUserStore } from './account-stores.ts';
import { sqlAuditLog } from './audit-log-store.ts';
import { sqlCohortLedger } from './cohort-ledger-store.ts';
import { sqlCohortStore, type CohortStoreDeps } from './cohort-store.ts';
import { importLegacyCohorts, readLegacyCohorts, retireLegacyFile } from './legacy-cohorts.ts';
import { applyMigrations, loadMigrations } from './migrations.ts';
import { openStateDatabase } from './state-database.ts';

export const STATE_FILE = 'state.duckdb';

/** The side effects of every store in the state (a clock, an id generator for now). */
export type StateStoreDeps = CohortStoreDeps;

export interface StateStoreOptions {
  /** Folder of numbered `.sql` migrations (default: ./migrations beside this module). */
  migrationsDir?: string;
}

/** What opening the store did, for the start-up log and for tests. */
export interface OpenReport {
  /** Versions of the migrations applied by this open (none when the store was up to date). */
  applied: number[];
  /** Cohorts imported from a legacy cohorts.json, and where that file was moved. */
  imported?: { cohorts: number; retiredTo: string };
}

export interface StateStore {
  /** The database file. */
  readonly file: string;
  readonly cohorts: CohortStore;
  /** Every cohort each user has used, with its exact size (server-side only). */
  readonly ledger: CohortLedger;
  /** The audit trail: every API request, hash-chained (core/audit). */
  readonly audit: AuditLog;
  /** Users, their sessions and API tokens (core/accounts). */
  readonly accounts: AccountStores;
  readonly opened: OpenReport;
  /** Waits for pending changes and lets go of the file (the last holder in this process closes it). */
  close(): Promise<void>;
}

export async function openStateStore(stateDir: string, deps: StateStoreDeps, options: StateStoreOptions = {}): Promise<StateStore> {
  const dir = resolve(stateDir);
  const file = join(dir, STATE_FILE);
  // Read everything that can be wrong before touching the database: a bad file stops the open here.
  const migrations = loadMigrations(options.migrationsDir);
  const legacy = readLegacyCohorts(dir);
  mkdirSync(dir, { recursive: true });
  const db = await openStateDatabase(file);
  try {
    const { applied, imported } = await db.change(async (tx) => ({
      applied: await applyMigrations(tx, file, migrations, deps.clock()),
      imported: legacy && (await importLegacyCohorts(tx, legacy)),
    }));
    const opened: OpenReport = { applied };
    // Only after the commit: a crash before this line leaves the file to be imported again (a no-op for its ids).
    if (legacy) opened.imported = { cohorts: imported ?? 0, retiredTo: retireLegacyFile(legacy.file) };
    return { file, cohorts: sqlCohortStore(db, deps), ledger: sqlCohortLedger(db, deps), audit: sqlAuditLog(db, deps), accounts: { users: sqlUserStore(db), sessions: sqlSessionStore(db), tokens: sqlApiTokenStore(db) }, opened, close: () => db.release() };
  } catch (error) {
    await db.release();
    throw error;
  }
}
