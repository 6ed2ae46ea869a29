// Verifies an audit log's whole chain from its anchor, reading it a page at a time (never whole into
// memory): what `popsight audit verify` and GET /api/audit/verify report.
import { verifyChain, type ChainVerdict } from './audit-chain.ts';
import type { AuditLog } from './audit-log.ts';
import type { AuditRecord } from './audit-record.ts';

/** Records read at a time. */
export const VERIFY_PAGE = 10_000;

export async function verifyAuditLog(audit: AuditLog, page = VERIFY_PAGE): Promise<ChainVerdict> {
  let anchor = await audit.anchor();
  let verified = 0;
  let afterSequence = 0;
  for (;;) {
    const records: AuditRecord[] = await audit.read({ afterSequence, limit: page });
    // Each page verifies from the head the one before it ended on.
    const verdict = verifyChain(records, anchor);
    if (!verdict.ok) return { ...verdict, records: verified + verdict.records };
    verified += verdict.records;
    anchor = verdict.head;
    if (records.length < page) return { ...verdict, records: verified };
    afterSequence = records.at(-1)!.sequence;
  }
}
