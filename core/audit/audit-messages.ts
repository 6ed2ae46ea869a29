// What the audit commands and the audit route say, in one place (tests assert against these).
import type { ChainVerdict } from './audit-chain.ts';

const PROBLEMS = {
  'missing-before': (expected: number) => `a record is missing before it (expected sequence ${expected}): deleted or reordered`,
  'wrong-link': () => 'it does not link to the record before it: a record before it was replaced',
  edited: () => 'its content no longer matches its hash: edited',
} as const;

export const auditMessages = {
  verdict: (verdict: ChainVerdict) =>
    verdict.ok
      ? `chain intact: ${verdict.records} records`
      : `chain broken at record ${verdict.sequence}: ${PROBLEMS[verdict.problem](verdict.expectedSequence)} (${verdict.records} records verified before it)`,
  exported: (count: number, where: string) => `exported ${count} audit records to ${where}`,
  badInstant: (name: string, value: string) => `${name} must be a date (YYYY-MM-DD) or an ISO 8601 time, not '${value}'.`,
  badLimit: (max: number) => `limit must be a whole number from 1 to ${max}.`,
  unknownParameter: (name: string) => `Unknown parameter '${name}': the audit log takes from, to, limit, principal, route, outcome, order, after and before.`,
  badText: (name: string, max: number) => `${name} must be a non-empty text of at most ${max} characters.`,
  badChoice: (name: string, allowed: readonly string[]) => `${name} must be one of ${allowed.join(', ')}.`,
  badSequence: (name: string, min: number) => `${name} must be a record sequence number, a whole number ≥ ${min}.`,
  stateHeld: (detail: string) =>
    `${detail}\nThe audit commands read the state store directly, and a server holds it while it runs: stop the server first, ` +
    'or read the audit log from the running server with GET /api/audit.',
  writeFailed: (count: number, reason: string) => `audit: could not write ${count} audit records: ${reason}`,
  pruned: (count: number, before: string) => `audit: removed ${count} audit records older than ${before} (retention); the chain now starts from a checkpoint`,
};
