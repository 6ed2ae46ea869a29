// `popsight audit export` and `popsight audit verify`: the audit trail read straight from the state
// store, without a server. The store has one writer at a time, so while a server holds it these
// commands stop with a message that says so (the running server answers GET /api/audit instead).
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import type { ChainVerdict } from '../core/audit/audit-chain.ts';
import { verifyAuditLog as verifyLog } from '../core/audit/verify-log.ts';
import type { AuditLog, AuditRange } from '../core/audit/audit-log.ts';
import { auditMessages } from '../core/audit/audit-messages.ts';
import type { AuditRecord } from '../core/audit/audit-record.ts';
import { parseInstant } from '../core/audit/parse-instant.ts';
import { withOfflineStateStore, type StateDirOption } from './offline-state.ts';

/** Records read from the store at a time: the log is read page by page, never whole into memory. */
const PAGE = 10_000;

export type AuditCommandOptions = StateDirOption;

function withAuditLog<T>(options: AuditCommandOptions, work: (audit: AuditLog) => Promise<T>): Promise<T> {
  return withOfflineStateStore(options, auditMessages.stateHeld, (store) => work(store.audit));
}

/** Every record of `range`, in sequence order, a page at a time. */
async function* records(audit: AuditLog, range: AuditRange = {}): AsyncGenerator<AuditRecord> {
  let afterSequence = 0;
  for (;;) {
    const page = await audit.read({ ...range, afterSequence, limit: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    afterSequence = page.at(-1)!.sequence;
  }
}

/** Verifies the whole chain from its anchor; the command prints the verdict and exits 1 when broken. */
export function verifyAuditLog(options: AuditCommandOptions = {}): Promise<ChainVerdict> {
  return withAuditLog(options, (audit) => verifyLog(audit));
}

export async function auditVerifyCommand(options: AuditCommandOptions): Promise<void> {
  const verdict = await verifyAuditLog(options);
  const message = auditMessages.verdict(verdict);
  if (verdict.ok) console.log(message);
  else {
    console.error(message);
    process.exitCode = 1;
  }
}

/** Writes the records of the range as JSON lines (each with its sequence, previousHash and hash) to `out`, or stdout. */
export async function auditExportCommand(options: AuditCommandOptions & { from?: string; to?: string; out?: string }): Promise<number> {
  const range = { from: parseInstant('--from', options.from), to: parseInstant('--to', options.to) };
  return withAuditLog(options, async (audit) => {
    const out = options.out ? createWriteStream(resolve(options.out)) : process.stdout;
    let count = 0;
    for await (const record of records(audit, range)) {
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
      count += 1;
    }
    if (options.out) {
      out.end();
      await once(out, 'finish');
    }
    console.error(auditMessages.exported(count, options.out ? resolve(options.out) : 'standard output'));
    return count;
  });
}
