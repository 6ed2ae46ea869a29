// The port the audit trail writes to and reads from, and an in-memory implementation for tests.
// An audit log is append-only: records are never changed; the only removal is pruning the oldest
// past the retention period, which leaves a checkpoint (the last pruned record's sequence and hash)
// as the anchor the remaining chain verifies from.
import { chainEntries, GENESIS } from './audit-chain.ts';
import type { AuditEntry, AuditRecord, ChainAnchor } from './audit-record.ts';

export interface AuditRange {
  /** Records whose time is at or after this instant (ISO 8601). */
  from?: string;
  /** Records whose time is before this instant (ISO 8601). */
  to?: string;
  /** Only records after this sequence (to page through the log). */
  afterSequence?: number;
  /** At most this many, in sequence order. */
  limit?: number;
}

export interface AuditLog {
  /** Chains the entries, in order, after the last record and keeps them (all or none). */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
  read(range?: AuditRange): Promise<AuditRecord[]>;
  /** Where the kept records chain from: the genesis, or the checkpoint the last pruning left. */
  anchor(): Promise<ChainAnchor>;
  /**
   * Removes the oldest records, up to (not including) the first whose time is at or after `before`,
   * so no record newer than `before` is removed and the rest stays one unbroken chain; the last
   * removed record becomes the anchor. Resolves to the number removed.
   */
  prune(before: Date): Promise<number>;
}

export function memoryAuditLog(): AuditLog {
  let records: AuditRecord[] = [];
  let anchor = GENESIS;
  return {
    async append(entries) {
      const added = chainEntries(records.at(-1) ?? anchor, entries);
      records.push(...added);
      return added;
    },
    async read({ from, to, afterSequence, limit } = {}) {
      const inRange = records.filter((r) => (from === undefined || Date.parse(r.time) >= Date.parse(from)) && (to === undefined || Date.parse(r.time) < Date.parse(to)) && r.sequence > (afterSequence ?? 0));
      return inRange.slice(0, limit ?? inRange.length).map((r) => ({ ...r }));
    },
    async anchor() {
      return anchor;
    },
    async prune(before) {
      const keepFrom = records.findIndex((r) => Date.parse(r.time) >= before.getTime());
      const removed = keepFrom === -1 ? records.length : keepFrom;
      if (removed === 0) return 0;
      const last = records[removed - 1]!;
      anchor = { sequence: last.sequence, hash: last.hash };
      records = records.slice(removed);
      return removed;
    },
  };
}
