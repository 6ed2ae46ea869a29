// Why a state store could not be opened, as messages an operator can act on (the CLI prints them
// as they are), each with a stable code. Never a raw DuckDB stack for a situation we can name.

export type StateStoreErrorCode =
  /** Another process holds the state file (DuckDB locks it). */
  | 'state_in_use'
  /** The file was migrated by a newer Popsight than this one. */
  | 'state_too_new'
  /** A migration file is misnamed or numbered twice. */
  | 'invalid_migration'
  /** A legacy cohorts.json to import is damaged. */
  | 'invalid_legacy_file';

export class StateStoreError extends Error {
  constructor(
    readonly code: StateStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StateStoreError';
  }
}

export const isStateStoreError = (error: unknown): error is StateStoreError => error instanceof StateStoreError;

export const LEGACY_COHORT_SHAPE = '{ "version": 1, "cohorts": [{ "id", "name", "createdAt", "definition" }] }';

export const stateMessages = {
  inUse: (file: string, holder: string | undefined) =>
    `The state store ${file} is in use by another process${holder ? ` (${holder})` : ''}: most likely another ` +
    'Popsight server is running on the same state directory. Stop that server, or start this one with another POPSIGHT_HOME.',
  tooNew: (file: string, found: number, known: number) =>
    `The state store ${file} is at schema version ${found}, but this version of Popsight knows versions up to ${known}: ` +
    'it was written by a newer Popsight. Run that version, or restore a backup of the file made with this one.',
  badMigrationName: (dir: string, name: string) =>
    `Unexpected file ${name} in ${dir}: migrations are named NNNN-description.sql (digits, a dash, lowercase words).`,
  duplicateMigration: (dir: string, version: number) => `Two migrations in ${dir} have the number ${version}.`,
  damagedLegacyFile: (file: string, problem: string) =>
    `${file} is not a Popsight cohort file (${problem}); expected JSON ${LEGACY_COHORT_SHAPE}. ` +
    'Nothing was imported. Fix the file or move it out of the state directory, then start again.',
  legacyNotRenamed: (file: string, target: string) =>
    `The cohorts of ${file} were imported into the state store, but the file could not be renamed to ${target}; ` +
    'rename or remove it by hand (opening again imports nothing twice).',
  closed: (file: string) => `The state store ${file} is closed.`,
};
