// Sign-in through an OpenID Connect provider (core/accounts/oidc-sign-in.ts): GET /session/oidc
// sends the browser to the provider, GET /session/oidc/callback takes it back, opens a session for
// the local account the ID token names and redirects to where the user was. The sign-in's state is
// also kept in a short-lived cookie, so a callback URL made in another browser (login CSRF) fails.
// A person the provider knows but Popsight has no active account for gets no session (default deny).
import type { Request, Response } from 'express';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import { OidcError, type OidcSignIn } from '../../core/accounts/oidc-sign-in.ts';
import type { SignIn } from '../../core/accounts/sign-in.ts';
import { HttpError } from '../http/errors.ts';
import type { RouteTable } from '../routing/route-table.ts';
import { setSessionCookie } from './session-cookie.ts';

export const OIDC_START_PATH = '/api/session/oidc';
const CALLBACK = '/session/oidc/callback';
const STATE_COOKIE = 'popsight_oidc_state';
const tags = ['session'];

/** HTTP status of each way a provider sign-in fails. */
const STATUS = { provider_error: 401, unknown_state: 400, discovery_failed: 502, exchange_failed: 502, id_token: 401, no_user_claim: 403 } as const;

/** A path on this server to return to (never another site: `//host` and `/\host` are refused). */
const localPath = (value: unknown): string => (typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/');

const stateCookieOf = (request: Request): string | undefined => {
  for (const part of (request.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === STATE_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
};

// SameSite=Lax: the provider sends the browser back by a top-level GET from its own site.
const stateCookie = (request: Request, value: string, maxAge: number) =>
  `${STATE_COOKIE}=${value}; Path=/api/session/oidc; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${request.secure ? '; Secure' : ''}`;

export interface OidcRouteOptions {
  /** The redirect URI registered with the provider; default this server's /api/session/oidc/callback as the request reached it. */
  redirectUri?: string;
}

export function oidcRoutes(oidc: OidcSignIn, signIn: SignIn, options: OidcRouteOptions = {}): RouteTable {
  const redirectUriOf = (request: Request) => options.redirectUri ?? `${request.protocol}://${request.get('host')}/api${CALLBACK}`;
  const fail = (response: Response, error: unknown): never => {
    response.setHeader('Cache-Control', 'no-store');
    if (error instanceof OidcError) throw new HttpError(STATUS[error.reason], `oidc_${error.reason}`, error.message, undefined, { cause: error });
    throw error;
  };
  return [
    {
      method: 'get',
      path: '/session/providers',
      role: 'anyone',
      operation: {
        summary: 'The ways to sign in besides a password (the sign-in page shows a button for each)',
        operationId: 'listSignInProviders',
        tags,
        responses: { 200: { description: '{ oidc: { start } }: the path that begins a sign-in through the identity provider' } },
      },
      handler: (_request, response) => {
        response.json({ oidc: { start: OIDC_START_PATH } });
      },
    },
    {
      method: 'get',
      path: '/session/oidc',
      role: 'anyone',
      operation: {
        summary: 'Sign in through the identity provider (OpenID Connect): redirects to it',
        operationId: 'beginOidcSignIn',
        tags,
        description: 'Authorization-code flow with PKCE (S256), state and nonce. After the provider, the browser returns to /session/oidc/callback.',
        parameters: [{ name: 'returnTo', in: 'query', required: false, description: 'A path of the dashboard to show after signing in (default /)', schema: { type: 'string' } }],
        responses: { 303: { description: "Location: the provider's authorization endpoint" }, 502: { description: 'The provider could not be reached' } },
      },
      handler: async (request, response) => {
        const begun = await oidc.begin(redirectUriOf(request), localPath(request.query.returnTo)).catch((error: unknown) => fail(response, error));
        response.setHeader('Cache-Control', 'no-store');
        response.append('Set-Cookie', stateCookie(request, begun.state, 600));
        response.redirect(303, begun.url);
      },
    },
    {
      method: 'get',
      path: CALLBACK,
      role: 'anyone',
      operation: {
        summary: "The identity provider's redirect: opens a session for the matching local account",
        operationId: 'completeOidcSignIn',
        tags,
        description: 'Checks the state (also against the browser\'s state cookie), exchanges the code with the PKCE verifier, verifies the ID token (RS256 against the JWKS; issuer, audience, expiry, nonce) and maps it to an active local user; nobody else gets a session.',
        parameters: ['code', 'state', 'error', 'error_description'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: {
          303: { description: 'Signed in: the session cookie, Location: the page to return to' },
          400: { description: 'Unknown, expired or foreign state' },
          401: { description: 'The provider refused, or its ID token failed a check' },
          403: { description: 'No active local account for this person (no_local_account)' },
          502: { description: 'The provider could not be reached or did not exchange the code' },
        },
      },
      handler: async (request, response) => {
        const query = request.query as Record<string, unknown>;
        const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
        const state = text('state');
        response.append('Set-Cookie', stateCookie(request, '', 0));
        response.setHeader('Cache-Control', 'no-store');
        if (state !== undefined && stateCookieOf(request) !== state) {
          throw new HttpError(400, 'oidc_unknown_state', accountMessages.oidcForeignState);
        }
        const done = await oidc.complete({ state, code: text('code'), error: text('error'), errorDescription: text('error_description') }).catch((error: unknown) => fail(response, error));
        const caller = await signIn.openSession(done.user);
        if (!caller) throw new HttpError(403, 'no_local_account', accountMessages.noLocalAccount(done.user));
        setSessionCookie(request, response, caller.sessionId);
        response.redirect(303, done.returnTo);
      },
    },
  ];
}
