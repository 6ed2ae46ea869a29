// POST /api/session signs in with a user name and password and sets the session cookie; GET tells
// who is signed in (and the CSRF token the dashboard sends with changes); DELETE signs out. Mounted
// only on a server with sign-in. A failed sign-in answers one message whatever was wrong.
import { z } from 'zod';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import type { Caller } from '../../core/accounts/caller.ts';
import type { SignIn } from '../../core/accounts/sign-in.ts';
import type { SignInLinks } from '../../core/accounts/sign-in-links.ts';
import { HttpError } from '../http/errors.ts';
import { errorResponse, objectResponse } from '../openapi/operation-parts.ts';
import { identityOf } from '../routing/request-caller.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { passesCsrfCheck } from '../routing/csrf-check.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';

const tags = ['session'];
const signInBody = z.object({ user: z.string().min(1).max(200), password: z.string().min(1).max(1000) }).strict();
const unauthorized = { description: 'Not signed in, or the user name or password is wrong' };

/** What GET and POST answer about a caller: a user's name, role and CSRF token, or a token's id and role. */
const describe = (caller: Caller) =>
  caller.via === 'session' ? { user: caller.user, role: caller.role, csrfToken: caller.csrfToken } : { user: null, token: caller.tokenId, role: caller.role };

/** `links`: the one-time sign-in links this server printed (GET /session/link); without them, no such route. */
export function sessionRoutes(signIn: SignIn, links?: SignInLinks): RouteTable {
  return [
    ...(links ? [signInLinkRoute(signIn, links)] : []),
    {
      method: 'post',
      path: '/session',
      role: 'anyone',
      jsonBody: { limit: '4kb' },
      operation: {
        summary: 'Sign in: sets the session cookie',
        operationId: 'signIn',
        tags,
        description: `Body { user, password }. Sets an HttpOnly, SameSite=Strict session cookie; the session ends after ${signIn.idleTimeoutMs / 60_000} minutes without a request. Changes made with the cookie send X-CSRF-Token: <csrfToken>.`,
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { user: { type: 'string' }, password: { type: 'string' } }, required: ['user', 'password'] } } } },
        responses: { 200: objectResponse('{ user, role, csrfToken }'), 400: errorResponse('BadRequest'), 401: unauthorized, 429: { description: 'Too many failed sign-ins for this user name lately (5 in 15 minutes): Retry-After says when to try again' } },
      },
      handler: async (request, response) => {
        const body = signInBody.safeParse(request.body);
        if (!body.success) throw new HttpError(400, 'invalid_body', accountMessages.badSignInBody);
        const outcome = await signIn.signIn(body.data.user, body.data.password);
        if ('refused' in outcome && outcome.refused === 'too_many_failures') {
          const seconds = outcome.retryAfterSeconds;
          response.setHeader('Retry-After', String(seconds));
          throw new HttpError(429, 'too_many_failed_sign_ins', accountMessages.tooManyFailedSignIns(outcome.retryAt), { retryAt: outcome.retryAt.toISOString(), retryAfterSeconds: seconds });
        }
        if (!('caller' in outcome)) throw new HttpError(401, 'sign_in_failed', accountMessages.signInFailed);
        const { caller } = outcome;
        setSessionCookie(request, response, caller.sessionId);
        response.setHeader('Cache-Control', 'no-store');
        response.json(describe(caller));
      },
    },
    {
      method: 'get',
      path: '/session',
      role: 'anyone',
      operation: {
        summary: 'Who is signed in',
        operationId: 'getSession',
        tags,
        responses: { 200: objectResponse('{ user, role, csrfToken } for a session; { user: null, token, role } for an API token'), 401: unauthorized },
      },
      handler: (request, response) => {
        const caller = identityOf(request)?.caller;
        if (!caller) throw new HttpError(401, 'not_signed_in', accountMessages.notSignedIn);
        response.setHeader('Cache-Control', 'no-store');
        response.json(describe(caller));
      },
    },
    {
      method: 'delete',
      path: '/session',
      role: 'anyone',
      operation: {
        summary: 'Sign out: ends the session and clears its cookie',
        operationId: 'signOut',
        tags,
        responses: { 204: { description: 'Signed out (also when no session was open)' }, 403: { description: 'A session cookie without its X-CSRF-Token' } },
      },
      handler: async (request, response) => {
        const caller = identityOf(request)?.caller;
        if (caller?.via === 'session') {
          if (!passesCsrfCheck(request, caller)) throw new HttpError(403, 'csrf_token_missing', accountMessages.csrfMissing);
          await signIn.signOut(caller.sessionId);
        }
        clearSessionCookie(request, response);
        response.status(204).end();
      },
    },
  ];
}

/**
 * GET /session/link?token=…: the one-time link printed at start. It opens a session, sets its cookie
 * and sends the browser on to the dashboard (303 to /, so the secret leaves the address bar); a
 * used, expired or unknown link answers 401. The audit trail records the token as redacted.
 */
function signInLinkRoute(signIn: SignIn, links: SignInLinks): RouteTable[number] {
  return {
    method: 'get',
    path: '/session/link',
    role: 'anyone',
    operation: {
      summary: 'Sign in with a one-time link: sets the session cookie and redirects to the dashboard',
      operationId: 'signInWithLink',
      tags,
      description: 'The link that `popsight demo` and `popsight serve` print at start. It works once, for a few minutes.',
      parameters: [{ name: 'token', in: 'query', required: true, description: 'The secret of the link', schema: { type: 'string' } }],
      responses: { 303: { description: 'Signed in; Location: /' }, 401: { description: 'The link was used already, has expired or is unknown' } },
    },
    handler: async (request, response) => {
      const secret = request.query.token;
      const user = typeof secret === 'string' && secret !== '' ? links.redeem(secret) : undefined;
      const caller = user === undefined ? undefined : await signIn.openSession(user);
      response.setHeader('Cache-Control', 'no-store');
      if (!caller) throw new HttpError(401, 'sign_in_link_refused', accountMessages.signInLinkRefused);
      setSessionCookie(request, response, caller.sessionId);
      response.redirect(303, '/');
    },
  };
}
