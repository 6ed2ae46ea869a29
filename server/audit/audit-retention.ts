// Retention of the audit log: records older than the retention period (six years by default,
// HIPAA 45 CFR 164.316(b)(2)) are pruned once at start and then daily; the chain stays verifiable
// from the checkpoint each pruning leaves.
import type { AuditLog } from '../../core/audit/audit-log.ts';
import { auditMessages } from '../../core/audit/audit-messages.ts';

/** Six years of 365 days plus the two leap days they hold at most. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 6 * 365 + 2;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AuditRetentionOptions {
  days: number;
  clock: () => Date;
  log: (message: string) => void;
}

/** Prunes records older than `days` before now; resolves to the number removed. */
export async function pruneAuditLog(audit: AuditLog, { days, clock, log }: AuditRetentionOptions): Promise<number> {
  const before = new Date(clock().getTime() - days * DAY_MS);
  const removed = await audit.prune(before);
  if (removed > 0) log(auditMessages.pruned(removed, before.toISOString()));
  return removed;
}

/** Prunes now and every day after; the returned function stops it. Failures are logged, not thrown. */
export function scheduleAuditRetention(audit: AuditLog, options: AuditRetentionOptions): { ready: Promise<void>; stop: () => void } {
  const run = () => pruneAuditLog(audit, options).then(() => undefined, (error: unknown) => options.log(`audit retention: ${error instanceof Error ? error.message : String(error)}`));
  const timer = setInterval(() => void run(), DAY_MS).unref();
  return { ready: run(), stop: () => clearInterval(timer) };
}
