// One API request as the audit trail keeps it (HIPAA 45 CFR 164.312(b), audit controls): who asked,
// for what, under which restriction, what came back and how. Never a request body, never a count:
// a body is kept as its hash, a response as the number of cells it returned and suppressed.

/** ok: answered (2xx, 3xx); refused: access or disclosure control said no (401, 403, 409); error: anything else. */
export type AuditOutcome = 'ok' | 'refused' | 'error';

/** What the server knows of a request when its response has finished. */
export interface AuditEntry {
  /** When the request arrived, ISO 8601 UTC with milliseconds. */
  time: string;
  /** Who asked (the principal: 'local' until sign-in exists). */
  principal: string;
  /** The role the route requires, or null for a path no route declares. */
  role: string | null;
  method: string;
  /** The route's path template (`/measures/{id}`), or the path asked for when no route matched. */
  route: string;
  /** Path and query parameters, as sent. */
  parameters: Record<string, string | string[]>;
  /** SHA-256 of the JSON request body (a cohort definition), never the body itself; null without one. */
  bodyHash: string | null;
  /** The restriction applied to the caller (row-level limits come with sign-in); null for none. */
  restriction: string | null;
  status: number;
  outcome: AuditOutcome;
  /** Answered from the response cache (a body or a 304) rather than computed. */
  cached: boolean;
  /** The warehouse data version the answer came from, when the route read one. */
  dataVersion: string | null;
  /** Cells (rows of a table, or a single published count) the response returned, and how many of those were suppressed. */
  cellsReturned: number | null;
  cellsSuppressed: number | null;
  clientAddress: string | null;
  durationMs: number;
}

/** An entry in its place in the chain. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3, … in append order, with no gaps. */
  sequence: number;
  previousHash: string;
  /** SHA-256 (hex) over previousHash and the canonical serialization of the entry and its sequence. */
  hash: string;
}

/** Where a chain continues from: the genesis, or the last record pruned (a checkpoint). */
export interface ChainAnchor {
  sequence: number;
  hash: string;
}

export function outcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'ok';
  return status === 401 || status === 403 || status === 409 ? 'refused' : 'error';
}

/** The cells a disclosed table returned: rows, and rows whose values were suppressed. */
export function countCells(rows: readonly { suppressed?: unknown }[]): { cellsReturned: number; cellsSuppressed: number } {
  return { cellsReturned: rows.length, cellsSuppressed: rows.filter((row) => row.suppressed === true).length };
}
