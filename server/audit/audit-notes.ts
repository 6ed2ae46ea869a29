// What a handler knows about its answer that the audit trail records and the request alone does
// not tell (served from cache, data version, cells returned and suppressed): handlers note it in
// response.locals, and the audit middleware reads it when the response has finished.
import type { Response } from 'express';

export interface AuditNotes {
  cached?: boolean;
  dataVersion?: string;
  cellsReturned?: number;
  cellsSuppressed?: number;
}

const KEY = 'audit';

/** Adds to what the audit record of this response will say. */
export function noteForAudit(response: Response, notes: AuditNotes): void {
  response.locals[KEY] = { ...(response.locals[KEY] as AuditNotes | undefined), ...notes };
}

export function auditNotesOf(response: Response): AuditNotes {
  return (response.locals[KEY] as AuditNotes | undefined) ?? {};
}
