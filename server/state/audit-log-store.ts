// The audit log (core/audit/audit-log.ts) in the state store's `audit_log` table (migration 0003):
// each batch is chained after the last record and inserted in one transaction, so the chain on disk
// never has a gap. Pruning removes the oldest records and records the checkpoint in the same
// transaction. The one writer of the file is this process (DuckDB locks it), so the chain's head is
// kept in the open file's memory once read: every audit log this process opens on one file (two
// servers in one test process, say) shares it, as they share the file's change queue.
import { canonicalJson, chainEntries, GENESIS } from '../../core/audit/audit-chain.ts';
import type { AuditLog } from '../../core/audit/audit-log.ts';
import type { AuditOutcome, AuditRecord, ChainAnchor } from '../../core/audit/audit-record.ts';
import type { SqlValue } from '../../core/warehouse/database.ts';
import type { StateDatabase, StateTransaction } from './state-database.ts';

export interface AuditLogDeps {
  clock: () => Date;
}

const COLUMNS = `sequence::BIGINT AS sequence, time, principal, role, method, route, parameters, body_hash AS "bodyHash", restriction,
  status::INTEGER AS status, outcome, cached, data_version AS "dataVersion", cells_returned::BIGINT AS "cellsReturned",
  cells_suppressed::BIGINT AS "cellsSuppressed", client_address AS "clientAddress", duration_ms AS "durationMs", previous_hash AS "previousHash", hash`;
const INSERT = `INSERT INTO audit_log (sequence, time, principal, role, method, route, parameters, body_hash, restriction, status, outcome, cached,
  data_version, cells_returned, cells_suppressed, client_address, duration_ms, previous_hash, hash) VALUES `;
const ROW = '(?, ?::TIMESTAMP, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
/** Rows per INSERT statement: one statement per batch of this many, all in the batch's transaction. */
const ROWS_PER_INSERT = 100;
const LAST = 'SELECT sequence::BIGINT AS sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1';
const ANCHOR = 'SELECT sequence::BIGINT AS sequence, hash FROM audit_anchor ORDER BY sequence DESC LIMIT 1';
// The first record to keep: the oldest one at or after the cut-off; everything before it goes.
const FIRST_KEPT = 'SELECT min(sequence)::BIGINT AS sequence FROM audit_log WHERE time >= ?::TIMESTAMP';
const LAST_REMOVED = 'SELECT sequence::BIGINT AS sequence, hash FROM audit_log WHERE sequence < ? ORDER BY sequence DESC LIMIT 1';
const REMOVE = 'DELETE FROM audit_log WHERE sequence < ?';
const SET_ANCHOR = 'INSERT INTO audit_anchor (sequence, hash, pruned_at) VALUES (?, ?, ?::TIMESTAMP)';
const CLEAR_ANCHOR = 'DELETE FROM audit_anchor';

type StoredRow = Omit<AuditRecord, 'parameters' | 'sequence' | 'cellsReturned' | 'cellsSuppressed'> & {
  sequence: number | bigint;
  parameters: string;
  cellsReturned: number | bigint | null;
  cellsSuppressed: number | bigint | null;
};

const orNull = (value: number | bigint | null) => (value === null ? null : Number(value));

const rowValues = (r: AuditRecord): SqlValue[] => [r.sequence, r.time, r.principal, r.role, r.method, r.route, canonicalJson(r.parameters), r.bodyHash, r.restriction,
  r.status, r.outcome, r.cached, r.dataVersion, r.cellsReturned, r.cellsSuppressed, r.clientAddress, r.durationMs, r.previousHash, r.hash];

const toRecord = (row: StoredRow): AuditRecord => ({
  ...row,
  sequence: Number(row.sequence),
  parameters: JSON.parse(row.parameters) as AuditRecord['parameters'],
  outcome: row.outcome as AuditOutcome,
  cellsReturned: orNull(row.cellsReturned),
  cellsSuppressed: orNull(row.cellsSuppressed),
});

/** Where the chain's last committed record is kept in the open file's memory, once read. */
const HEAD = 'audit-chain-head';

export function sqlAuditLog(db: StateDatabase, deps: AuditLogDeps): AuditLog {

  async function readAnchor(read: Pick<StateTransaction, 'query'>): Promise<ChainAnchor> {
    const [row] = await read.query<{ sequence: number | bigint; hash: string }>(ANCHOR);
    return row ? { sequence: Number(row.sequence), hash: row.hash } : GENESIS;
  }

  async function readHead(tx: StateTransaction): Promise<ChainAnchor> {
    const [last] = await tx.query<{ sequence: number | bigint; hash: string }>(LAST);
    return last ? { sequence: Number(last.sequence), hash: last.hash } : readAnchor(tx);
  }

  return {
    append(entries) {
      if (entries.length === 0) return Promise.resolve([]);
      return db.change(async (tx) => {
        const records = chainEntries((db.memory.get(HEAD) as ChainAnchor | undefined) ?? (await readHead(tx)), entries);
        for (let i = 0; i < records.length; i += ROWS_PER_INSERT) {
          const chunk = records.slice(i, i + ROWS_PER_INSERT);
          await tx.run(INSERT + chunk.map(() => ROW).join(', '), chunk.flatMap(rowValues));
        }
        const tail = records.at(-1)!;
        // Only once committed: a failed batch leaves the head where the file has it.
        return { records, tail };
      }).then(({ records, tail }) => {
        db.memory.set(HEAD, { sequence: tail.sequence, hash: tail.hash });
        return records;
      });
    },
    async read({ from, to, afterSequence, beforeSequence, principal, route, outcome, limit, order } = {}) {
      const where: string[] = ['sequence > ?'];
      const values: SqlValue[] = [afterSequence ?? 0];
      if (from !== undefined) (where.push('time >= ?::TIMESTAMP'), values.push(from));
      if (to !== undefined) (where.push('time < ?::TIMESTAMP'), values.push(to));
      if (beforeSequence !== undefined) (where.push('sequence < ?'), values.push(beforeSequence));
      if (principal !== undefined) (where.push('principal = ?'), values.push(principal));
      if (route !== undefined) (where.push('route = ?'), values.push(route));
      if (outcome !== undefined) (where.push('outcome = ?'), values.push(outcome));
      const sql = `SELECT ${COLUMNS} FROM audit_log WHERE ${where.join(' AND ')} ORDER BY sequence${order === 'desc' ? ' DESC' : ''}${limit === undefined ? '' : ' LIMIT ?'}`;
      const rows = await db.query<StoredRow>(sql, limit === undefined ? values : [...values, limit]);
      return rows.map(toRecord);
    },
    anchor: () => readAnchor(db),
    prune(before) {
      return db.change(async (tx) => {
        const [kept] = await tx.query<{ sequence: number | bigint | null }>(FIRST_KEPT, [before.toISOString()]);
        const cut = kept?.sequence === null || kept === undefined ? Number.MAX_SAFE_INTEGER : Number(kept.sequence);
        const [lastRemoved] = await tx.query<{ sequence: number | bigint; hash: string }>(LAST_REMOVED, [cut]);
        if (!lastRemoved) return 0;
        const removed = await tx.run(REMOVE, [cut]);
        await tx.run(CLEAR_ANCHOR);
        await tx.run(SET_ANCHOR, [Number(lastRemoved.sequence), lastRemoved.hash, deps.clock().toISOString()]);
        return removed;
      });
    },
  };
}
