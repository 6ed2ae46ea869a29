// Import of `<state>/cohorts.json`, where saved cohorts lived before the state store. The cohorts are
// inserted in the transaction that opens the store, and the file is renamed only after it commits;
// a damaged file stops the open (never an empty start), and an interrupted import is safe to rerun.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import type { CohortDefinition } from '../../core/cohorts/cohort-schema.ts';
import { StateStoreError, stateMessages } from './state-errors.ts';
import type { StateTransaction } from './state-database.ts';

export const LEGACY_COHORTS_FILE = 'cohorts.json';
export const RETIRED_SUFFIX = '.migrated';

export interface LegacyCohorts {
  file: string;
  cohorts: SavedCohort[];
}

/** The cohorts of `<stateDir>/cohorts.json`, or undefined when there is no such file. */
export function readLegacyCohorts(stateDir: string): LegacyCohorts | undefined {
  const file = join(stateDir, LEGACY_COHORTS_FILE);
  if (!existsSync(file)) return undefined;
  const damaged = (problem: string) => new StateStoreError('invalid_legacy_file', stateMessages.damagedLegacyFile(file, problem));
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw damaged(`not valid JSON: ${(error as Error).message}`);
  }
  const top = parsed as { version?: unknown; cohorts?: unknown } | null;
  if (typeof top !== 'object' || top === null || top.version !== 1) throw damaged('no "version": 1');
  if (!Array.isArray(top.cohorts)) throw damaged('no "cohorts" list');
  const seen = new Set<string>();
  const cohorts = top.cohorts.map((entry: unknown, i): SavedCohort => {
    const c = (entry ?? {}) as Partial<Record<keyof SavedCohort, unknown>>;
    const at = `cohorts[${i}]`;
    if (typeof c.id !== 'string' || c.id === '') throw damaged(`${at}.id is not a non-empty string`);
    if (seen.has(c.id)) throw damaged(`${at}.id '${c.id}' appears twice`);
    seen.add(c.id);
    if (typeof c.name !== 'string') throw damaged(`${at}.name is not a string`);
    if (typeof c.createdAt !== 'string' || !Number.isFinite(Date.parse(c.createdAt))) throw damaged(`${at}.createdAt is not a date`);
    if (typeof c.definition !== 'object' || c.definition === null || Array.isArray(c.definition)) throw damaged(`${at}.definition is not an object`);
    // The definition is kept as it was: one that no longer passes the schema is reported when used (409).
    return { id: c.id, name: c.name, createdAt: new Date(c.createdAt).toISOString(), definition: c.definition as CohortDefinition };
  });
  return { file, cohorts };
}

// A cohort already there came from an earlier import that committed but could not rename the file.
const IMPORT = `INSERT INTO cohorts (id, name, created_at, definition) VALUES (?, ?, ?::TIMESTAMP, ?)
  ON CONFLICT (id) DO NOTHING`;

/** Inserts the cohorts in the file's order (the list order); resolves to how many were new. */
export async function importLegacyCohorts(tx: StateTransaction, legacy: LegacyCohorts): Promise<number> {
  let inserted = 0;
  for (const c of legacy.cohorts) inserted += await tx.run(IMPORT, [c.id, c.name, c.createdAt, JSON.stringify(c.definition)]);
  return inserted;
}

/** Renames the imported file out of the way (keeping any earlier retired copy); resolves to its new path. */
export function retireLegacyFile(file: string): string {
  let target = `${file}${RETIRED_SUFFIX}`;
  for (let n = 2; existsSync(target); n++) target = `${file}${RETIRED_SUFFIX}-${n}`;
  try {
    renameSync(file, target);
  } catch (error) {
    throw new Error(stateMessages.legacyNotRenamed(file, target), { cause: error });
  }
  return target;
}
