// CSRF protection for sessions: a change (POST, PUT, PATCH, DELETE) made with the session cookie must
// carry X-CSRF-Token equal to the session's token, which only a page of our own origin can read (it
// is returned by POST and GET /api/session). Bearer tokens are never sent by a browser on its own, so
// requests with one need no CSRF token. SameSite=Strict on the cookie is the first defence; this the second.
import type { Request } from 'express';
import type { Caller } from '../../core/accounts/caller.ts';
import { sameSecret } from '../../core/accounts/secrets.ts';

export const CSRF_HEADER = 'X-CSRF-Token';
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function passesCsrfCheck(request: Request, caller: Caller): boolean {
  if (caller.via !== 'session' || !CHANGES.has(request.method)) return true;
  return sameSecret(request.get(CSRF_HEADER) ?? '', caller.csrfToken);
}
