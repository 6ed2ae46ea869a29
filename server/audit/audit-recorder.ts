// Writes audit entries without making requests wait: entries are buffered in memory and appended in
// batches (every `intervalMs`, or at once when `batchSize` are waiting, and on close), one batch at a
// time, so the chain follows the order responses finished in. A batch that cannot be written is
// reported through `log` — loudly: a gap in the audit trail is itself a finding.
import type { AuditLog } from '../../core/audit/audit-log.ts';
import { auditMessages } from '../../core/audit/audit-messages.ts';
import type { AuditEntry } from '../../core/audit/audit-record.ts';

export interface AuditRecorder {
  /** The log the entries go to (the audit route reads it). */
  readonly log: AuditLog;
  /** The time of each request. */
  readonly clock: () => Date;
  record(entry: AuditEntry): void;
  /** Resolves once every entry recorded so far is in the log. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

export interface AuditRecorderOptions {
  clock: () => Date;
  /** Where a failed write is reported. */
  onError: (message: string) => void;
  batchSize?: number;
  intervalMs?: number;
}

export function auditRecorder(log: AuditLog, { clock, onError, batchSize = 200, intervalMs = 200 }: AuditRecorderOptions): AuditRecorder {
  let pending: AuditEntry[] = [];
  let writing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length > 0) {
      const batch = pending;
      pending = [];
      writing = writing.then(() =>
        log.append(batch).then(
          () => undefined,
          (error: unknown) => onError(auditMessages.writeFailed(batch.length, error instanceof Error ? error.message : String(error))),
        ),
      );
    }
    return writing;
  }

  return {
    log,
    clock,
    record(entry) {
      pending.push(entry);
      if (pending.length >= batchSize) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), intervalMs).unref();
    },
    flush,
    close: flush,
  };
}
