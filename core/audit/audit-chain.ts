// The audit trail's hash chain: each record's hash is SHA-256 over the hash before it and a
// canonical serialization of the record, so editing, deleting or reordering any record changes
// every hash after it. verifyChain finds the first record that does not fit.
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditRecord, ChainAnchor } from './audit-record.ts';

/** Where the first chain starts: no record before sequence 1. */
export const GENESIS: ChainAnchor = { sequence: 0, hash: '0'.repeat(64) };

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fields a record's hash covers: the entry and its sequence (so a move is detected too). */
export function hashedFields(record: AuditEntry & { sequence: number }): string {
  const { time, principal, role, method, route, parameters, bodyHash, restriction, status, outcome, cached, dataVersion, cellsReturned, cellsSuppressed, clientAddress, durationMs, sequence } = record;
  return canonicalJson({ time, principal, role, method, route, parameters, bodyHash, restriction, status, outcome, cached, dataVersion, cellsReturned, cellsSuppressed, clientAddress, durationMs, sequence });
}

export function recordHash(previousHash: string, record: AuditEntry & { sequence: number }): string {
  return createHash('sha256').update(previousHash).update('\n').update(hashedFields(record)).digest('hex');
}

/** Chains `entries`, in order, after `head` (the last record, or an anchor). */
export function chainEntries(head: ChainAnchor, entries: readonly AuditEntry[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous = head;
  for (const entry of entries) {
    const sequence = previous.sequence + 1;
    const record = { ...entry, sequence, previousHash: previous.hash, hash: recordHash(previous.hash, { ...entry, sequence }) };
    records.push(record);
    previous = record;
  }
  return records;
}

/** Why a record does not fit its chain. */
export type ChainBreak = 'missing-before' | 'wrong-link' | 'edited';

export type ChainVerdict =
  | { ok: true; records: number; head: ChainAnchor }
  | { ok: false; records: number; sequence: number; problem: ChainBreak; expectedSequence: number };

/**
 * Checks records (in sequence order) against the chain that starts at `anchor`: each must carry the
 * next sequence, link to the hash before it and hash to its own hash. The first that does not is
 * reported; `records` counts the ones that verified before it. A record deleted from the middle
 * shows as the next one having a gap before it; an edited one as its hash no longer matching.
 */
export function verifyChain(records: Iterable<AuditRecord>, anchor: ChainAnchor = GENESIS): ChainVerdict {
  let head = anchor;
  let count = 0;
  for (const record of records) {
    const expectedSequence = head.sequence + 1;
    const broken = (problem: ChainBreak): ChainVerdict => ({ ok: false, records: count, sequence: record.sequence, problem, expectedSequence });
    if (record.sequence !== expectedSequence) return broken('missing-before');
    if (record.previousHash !== head.hash) return broken('wrong-link');
    if (recordHash(head.hash, record) !== record.hash) return broken('edited');
    head = { sequence: record.sequence, hash: record.hash };
    count += 1;
  }
  return { ok: true, records: count, head };
}
