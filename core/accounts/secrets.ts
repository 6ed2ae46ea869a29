// The secrets a caller presents (session ids, API tokens) and what the state store keeps of them:
// only their SHA-256, so a copy of the state file lets nobody sign in. The random bytes come in from
// the caller. The CSRF token of a session is derived from its secret id, so it is never stored.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type RandomBytes = (size: number) => Buffer;

/** 256 bits: a guess is hopeless, so a plain (unsalted) SHA-256 is enough to store it. */
const SECRET_BYTES = 32;
export const API_TOKEN_PREFIX = 'popsight_';

export const newSessionId = (randomBytes: RandomBytes): string => randomBytes(SECRET_BYTES).toString('base64url');
export const newApiToken = (randomBytes: RandomBytes): string => `${API_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
/** The public name of a token (`tok_` and 12 hex digits): listed and revoked by it. */
export const newTokenId = (randomBytes: RandomBytes): string => `tok_${randomBytes(6).toString('hex')}`;

export const secretHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** The session's CSRF token: an HMAC of a fixed label under the session's secret id. */
export const csrfTokenOf = (sessionId: string): string => createHmac('sha256', sessionId).update('popsight csrf token').digest('base64url');

/** Compares two strings in constant time (for equal lengths; a different length is a mismatch). */
export function sameSecret(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')];
  return x.length === y.length && timingSafeEqual(x, y);
}
