// Saved cohorts in the state store's `cohorts` table (migration 0001): each save or delete is one
// transaction that touches one row, so its cost does not grow with the number of cohorts.
import { DomainError } from '../../core/errors.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { CohortDefinition } from '../../core/cohorts/cohort-schema.ts';
import type { CohortQuota, CohortStore, SavedCohort } from '../../core/cohorts/saved-cohort.ts';
import type { StateDatabase } from './state-database.ts';

export interface CohortStoreDeps {
  clock: () => Date;
  newId: () => string;
}

const COLUMNS = 'id, name, created_at AS "createdAt", definition::VARCHAR AS definition';
const LIST = `SELECT ${COLUMNS} FROM cohorts ORDER BY position`;
const GET = `SELECT ${COLUMNS} FROM cohorts WHERE id = ?`;
const INSERT = 'INSERT INTO cohorts (id, name, created_at, definition, owner) VALUES (?, ?, ?::TIMESTAMP, ?, ?)';
const OWNED = 'SELECT count(*)::INTEGER AS count, coalesce(sum(strlen(definition::VARCHAR)), 0)::BIGINT AS bytes FROM cohorts WHERE owner = ?';
const DELETE = 'DELETE FROM cohorts WHERE id = ?';
const RENAME = 'UPDATE cohorts SET name = ?, definition = ?::JSON WHERE id = ?';

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
    async save(definition, owner) {
      const cohort: SavedCohort = { id: deps.newId(), name: definition.name, createdAt: deps.clock().toISOString(), definition };
      const text = JSON.stringify(definition);
      await db.change(async (tx) => {
        // Checked inside the transaction that writes: changes run one at a time, so two saves cannot both fit.
        if (owner) checkQuota((await tx.query<{ count: number; bytes: number }>(OWNED, [owner.owner]))[0]!, Buffer.byteLength(text), owner.quota);
        await tx.run(INSERT, [cohort.id, cohort.name, cohort.createdAt, text, owner?.owner ?? null]);
      });
      return cohort;
    },
    async remove(id) {
      return (await db.change((tx) => tx.run(DELETE, [id]))) > 0;
    },
    async rename(id, { name, description }) {
      const changed = await db.change(async (tx) => {
        const [row] = await tx.query<CohortRow>(GET, [id]);
        if (!row) return false;
        // The name lives in the column (the list's order and text) and in the definition (what GET /cohorts/{id} returns).
        const { description: previous, ...rest } = JSON.parse(String(row.definition)) as CohortDefinition;
        const kept = description === undefined ? previous : (description ?? undefined);
        const definition = { ...rest, name, ...(kept === undefined ? {} : { description: kept }) };
        return (await tx.run(RENAME, [name, JSON.stringify(definition), id])) > 0;
      });
      if (!changed) return undefined;
      // Read back as committed, with the store's plain values (the timestamp as an ISO string).
      const [row] = await db.query<CohortRow>(GET, [id]);
      return row && toCohort(row);
    },
  };
}

function checkQuota(used: { count: number; bytes: number }, adding: number, quota: CohortQuota): void {
  if (Number(used.count) + 1 > quota.count) throw new DomainError('cohort_quota', cohortMessages.tooManyCohorts(Number(used.count)), { limit: quota.count });
  if (Number(used.bytes) + adding > quota.bytes) {
    throw new DomainError('cohort_quota', cohortMessages.tooManyCohortBytes(Number(used.bytes), adding, quota.bytes), { limitBytes: quota.bytes });
  }
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
    rename: async () => undefined,
  };
}
