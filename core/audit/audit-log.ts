// The port the audit trail writes to and reads from, and an in-memory implementation for tests.
// An audit log is append-only: records are never changed; the only removal is pruning the oldest
// past the retention period, which leaves a checkpoint (the last pruned record's sequence and hash)
// as the anchor the remaining chain verifies from.
import { chainEntries, GENESIS } from './audit-chain.ts';
import type { AuditEntry, AuditOutcome, AuditRecord, ChainAnchor } from './audit-record.ts';

export interface AuditRange {
  /** Records whose time is at or after this instant (ISO 8601). */
  from?: string;
  /** Records whose time is before this instant (ISO 8601). */
  to?: string;
  /** Only records after this sequence (to page through the log). */
  afterSequence?: number;
  /** Only records before this sequence (to page back from the newest). */
  beforeSequence?: number;
  /** Only this principal's records (`user:ann`, `token:tok_…`, `anonymous`, `local`). */
  principal?: string;
  /** Only records of this route template (`/measures/{id}`). */
  route?: string;
  outcome?: AuditOutcome;
  /** At most this many, in sequence order. */
  limit?: number;
  /** `desc`: newest first (default `asc`). */
  order?: 'asc' | 'desc';
}

/** Whether a record is in a range (the filters, not the limit or order): what every AuditLog's read applies. */
export function inAuditRange(r: AuditRecord, range: AuditRange): boolean {
  return (
    (range.from === undefined || Date.parse(r.time) >= Date.parse(range.from)) &&
    (range.to === undefined || Date.parse(r.time) < Date.parse(range.to)) &&
    r.sequence > (range.afterSequence ?? 0) &&
    (range.beforeSequence === undefined || r.sequence < range.beforeSequence) &&
    (range.principal === undefined || r.principal === range.principal) &&
    (range.route === undefined || r.route === range.route) &&
    (range.outcome === undefined || r.outcome === range.outcome)
  );
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
    async read(range = {}) {
      const inRange = records.filter((r) => inAuditRange(r, range));
      if (range.order === 'desc') inRange.reverse();
      return inRange.slice(0, range.limit ?? inRange.length).map((r) => ({ ...r }));
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
