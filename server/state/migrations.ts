// The state store's versioned schema: numbered `.sql` files in ./migrations, applied in order inside
// the transaction that opens the store and recorded in `schema_migrations`. A migration that has
// shipped is never edited: a change to the schema is a new, higher-numbered file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateStoreError, stateMessages } from './state-errors.ts';
import type { StateTransaction } from './state-database.ts';

export interface Migration {
  version: number;
  /** The file name, recorded beside the version. */
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const MIGRATION_FILE = /^(\d+)-[a-z0-9][a-z0-9-]*\.sql$/;

/** The migrations of `dir`, in order; a misnamed file or a number used twice is an error. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir).map((name) => {
    const match = MIGRATION_FILE.exec(name);
    if (!match) throw new StateStoreError('invalid_migration', stateMessages.badMigrationName(dir, name));
    return { version: Number(match[1]), name, sql: readFileSync(join(dir, name), 'utf8') };
  });
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new StateStoreError('invalid_migration', stateMessages.duplicateMigration(dir, migrations[i]!.version));
    }
  }
  return migrations;
}

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name VARCHAR NOT NULL,
  applied_at TIMESTAMP NOT NULL
)`;
const APPLIED = 'SELECT version::INTEGER AS version FROM schema_migrations ORDER BY version';
const RECORD = 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?::TIMESTAMP)';

/**
 * Applies, within `tx`, the migrations not yet recorded; resolves to their versions (none for a
 * store that is up to date). A store already past the last known version is refused untouched.
 */
export async function applyMigrations(tx: StateTransaction, file: string, migrations: Migration[], now: Date): Promise<number[]> {
  await tx.run(CREATE_LEDGER);
  const applied = new Set((await tx.query<{ version: number }>(APPLIED)).map((r) => r.version));
  const latest = Math.max(0, ...applied);
  const known = migrations.at(-1)?.version ?? 0;
  if (latest > known) throw new StateStoreError('state_too_new', stateMessages.tooNew(file, latest, known));
  const pending = migrations.filter((m) => !applied.has(m.version));
  for (const migration of pending) {
    await tx.run(migration.sql);
    await tx.run(RECORD, [migration.version, migration.name, now.toISOString()]);
  }
  return pending.map((m) => m.version);
}
