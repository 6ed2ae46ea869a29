// The audit trail's hash chain: hashes checked against SHA-256 computed here, independently, over the
// documented serialization; verifyChain names the first edited, deleted or reordered record; pruning
// leaves a checkpoint the rest verifies from.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, chainEntries, GENESIS, verifyChain } from '../../core/audit/audit-chain.ts';
import { memoryAuditLog } from '../../core/audit/audit-log.ts';
import { auditMessages } from '../../core/audit/audit-messages.ts';
import type { AuditEntry } from '../../core/audit/audit-record.ts';

const entry = (time: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  time, principal: 'local', role: 'viewer', method: 'GET', route: '/measures/{id}', parameters: { id: 'diabetes-prevalence', by: 'sex' }, bodyHash: null,
  restriction: null, status: 200, outcome: 'ok', cached: false, dataVersion: 'v1', cellsReturned: 4, cellsSuppressed: 1, clientAddress: '127.0.0.1', durationMs: 3.5,
  ...overrides,
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('audit hash chain', () => {
  it('hashes each record over the previous hash and its canonical serialization, from a genesis of 64 zeros', () => {
    const [first, second] = chainEntries(GENESIS, [entry('2025-01-01T00:00:00.000Z'), entry('2025-01-01T00:00:01.000Z', { status: 404, outcome: 'error', cellsReturned: null, cellsSuppressed: null })]);
    // Written out by hand: keys in alphabetical order, no spaces.
    const firstText = '{"bodyHash":null,"cached":false,"cellsReturned":4,"cellsSuppressed":1,"clientAddress":"127.0.0.1","dataVersion":"v1","durationMs":3.5,"method":"GET","outcome":"ok","parameters":{"by":"sex","id":"diabetes-prevalence"},"principal":"local","restriction":null,"role":"viewer","route":"/measures/{id}","sequence":1,"status":200,"time":"2025-01-01T00:00:00.000Z"}';
    expect(first!.previousHash).toBe('0'.repeat(64));
    expect(first!.hash).toBe(sha256(`${'0'.repeat(64)}\n${firstText}`));
    const secondText = firstText.replace('"cellsReturned":4,"cellsSuppressed":1', '"cellsReturned":null,"cellsSuppressed":null').replace('"outcome":"ok"', '"outcome":"error"')
      .replace('"sequence":1,"status":200,"time":"2025-01-01T00:00:00.000Z"', '"sequence":2,"status":404,"time":"2025-01-01T00:00:01.000Z"');
    expect(second!.previousHash).toBe(first!.hash);
    expect(second!.hash).toBe(sha256(`${first!.hash}\n${secondText}`));
    expect(verifyChain([first!, second!])).toEqual({ ok: true, records: 2, head: { sequence: 2, hash: second!.hash } });
  });

  it('serializes objects with sorted keys whatever their order', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: null }], a: 'x' })).toBe('{"a":"x","b":[2,{"c":null,"d":1}]}');
  });

  const three = () => chainEntries(GENESIS, ['2025-01-01T00:00:00.000Z', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z'].map((time) => entry(time)));

  it('names an edited record', () => {
    const records = three();
    records[1] = { ...records[1]!, cellsSuppressed: 0 };
    expect(verifyChain(records)).toMatchObject({ ok: false, sequence: 2, problem: 'edited', records: 1 });
  });

  it('names the record after a deleted one', () => {
    const records = three();
    records.splice(1, 1);
    const verdict = verifyChain(records);
    expect(verdict).toMatchObject({ ok: false, sequence: 3, problem: 'missing-before', expectedSequence: 2 });
    expect(auditMessages.verdict(verdict)).toBe('chain broken at record 3: a record is missing before it (expected sequence 2): deleted or reordered (1 records verified before it)');
  });

  it('names a record moved out of order even when its sequence is renumbered', () => {
    const [a, b, c] = three();
    expect(verifyChain([a!, { ...c!, sequence: 2 }, { ...b!, sequence: 3 }])).toMatchObject({ ok: false, sequence: 2, problem: 'wrong-link' });
  });

  it('keeps the chain verifiable after pruning, from the checkpoint the pruning leaves', async () => {
    const log = memoryAuditLog();
    await log.append(three().map(({ sequence: _s, previousHash: _p, hash: _h, ...rest }) => rest));
    expect(await log.prune(new Date('2025-01-02T00:00:00.000Z'))).toBe(1);
    const anchor = await log.anchor();
    const kept = await log.read();
    expect(anchor.sequence).toBe(1);
    expect(kept.map((r) => r.sequence)).toEqual([2, 3]);
    expect(verifyChain(kept, anchor)).toMatchObject({ ok: true, records: 2 });
    expect(verifyChain(kept)).toMatchObject({ ok: false, sequence: 2, problem: 'missing-before' });
    // Appends after a prune that removed everything continue from the checkpoint.
    await log.prune(new Date('2030-01-01T00:00:00.000Z'));
    await log.append([entry('2030-02-01T00:00:00.000Z')]);
    expect(verifyChain(await log.read(), await log.anchor())).toMatchObject({ ok: true, records: 1, head: { sequence: 4 } });
  });
});
