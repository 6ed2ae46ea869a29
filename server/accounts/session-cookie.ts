// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
// it), Path=/, Secure when the request came over https. No Max-Age: the browser drops it when it
// closes, and the server ends the session after its idle timeout in any case.
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'popsight_session';

/** The session id the request's Cookie header carries, if any. */
export function sessionCookieOf(request: Request): string | undefined {
  for (const part of (request.get('Cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

const flags = (request: Request) => `Path=/; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`;

export function setSessionCookie(request: Request, response: Response, sessionId: string): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=${sessionId}; ${flags(request)}`);
}

export function clearSessionCookie(request: Request, response: Response): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=; ${flags(request)}; Max-Age=0`);
}
