// Saved cohorts in the state store's `cohorts` table (migration 0001): each save or delete is one
// transaction that touches one row, so its cost does not grow with the number of cohorts.
import { DomainError } from '../../core/errors.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { CohortDefinition } from '../../core/cohorts/cohort-schema.ts';
import type { CohortStore, SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import type { StateDatabase } from './state-database.ts';

export interface CohortStoreDeps {
  clock: () => Date;
  newId: () => string;
}

const COLUMNS = 'id, name, created_at AS "createdAt", definition::VARCHAR AS definition';
const LIST = `SELECT ${COLUMNS} FROM cohorts ORDER BY position`;
const GET = `SELECT ${COLUMNS} FROM cohorts WHERE id = ?`;
const INSERT = 'INSERT INTO cohorts (id, name, created_at, definition) VALUES (?, ?, ?::TIMESTAMP, ?)';
const DELETE = 'DELETE FROM cohorts WHERE id = ?';

interface CohortRow extends Record<string, unknown> {
  id: string;
  name: string;
  createdAt: string;
  definition: string;
}

const toCohort = (row: CohortRow): SavedCohort => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
  definition: JSON.parse(row.definition) as CohortDefinition,
});

export function sqlCohortStore(db: StateDatabase, deps: CohortStoreDeps): CohortStore {
  return {
    location: db.file,
    async list() {
      return (await db.query<CohortRow>(LIST)).map(toCohort);
    },
    async get(id) {
      const [row] = await db.query<CohortRow>(GET, [id]);
      return row && toCohort(row);
    },
    async save(definition) {
      const cohort: SavedCohort = { id: deps.newId(), name: definition.name, createdAt: deps.clock().toISOString(), definition };
      await db.change((tx) => tx.run(INSERT, [cohort.id, cohort.name, cohort.createdAt, JSON.stringify(definition)]));
      return cohort;
    },
    async remove(id) {
      return (await db.change((tx) => tx.run(DELETE, [id]))) > 0;
    },
  };
}

/** The store of an app started without a state directory: it lists nothing and refuses to save. */
export function unavailableCohortStore(): CohortStore {
  return {
    location: '(none)',
    list: async () => [],
    get: async () => undefined,
    save: async () => {
      throw new DomainError('no_state_directory', cohortMessages.noStateDirectory);
    },
    remove: async () => false,
  };
}
