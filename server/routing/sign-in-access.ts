// The access policy of a server with sign-in: every /api request is identified by
// `Authorization: Bearer <token>` or by the session cookie; a route above `anyone` answers 401 to a
// caller without valid credentials (with WWW-Authenticate for Bearer, RFC 6750) and 403 to one whose
// role is too low, or to a change made with the session cookie without its CSRF token (csrf-check.ts).
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import type { AccountStores, UserStore } from '../../core/accounts/account-stores.ts';
import { apiTokens, type ApiTokens } from '../../core/accounts/api-tokens.ts';
import { tokenPrincipal, type Caller } from '../../core/accounts/caller.ts';
import { holdsRole } from '../../core/accounts/roles.ts';
import { DEFAULT_SIGN_IN_LINK_MS, type SignInLinks } from '../../core/accounts/sign-in-links.ts';
import { oidcSignIn, type OidcConfig, type OidcSignIn } from '../../core/accounts/oidc-sign-in.ts';
import { accountRoutes } from '../accounts/account-routes.ts';
import { oidcRoutes, type OidcRouteOptions } from '../accounts/oidc-routes.ts';
import { signInService, type SignIn, type SignInDeps } from '../../core/accounts/sign-in.ts';
import { clearSessionCookie, sessionCookieOf } from '../accounts/session-cookie.ts';
import { sessionRoutes } from '../accounts/session-routes.ts';
import { HttpError } from '../http/errors.ts';
import type { AccessPolicy } from './access.ts';
import { passesCsrfCheck } from './csrf-check.ts';
import { identityOf, setIdentity } from './request-caller.ts';
import type { Role } from './route-table.ts';

export interface SignInAccessDeps {
  signIn: SignIn;
  tokens: ApiTokens;
  /** One-time sign-in links (GET /api/session/link; POST /api/accounts/sign-in-links makes one); none: no link routes. */
  links?: SignInLinks;
  /** How long a link works, in minutes (default 15). */
  linkMinutes?: number;
  /** The users, for the account routes (a link is made for an active user only). */
  users?: UserStore;
  /** Sign-in through an OpenID Connect provider (GET /api/session/oidc…); none: passwords, links and tokens only. */
  oidc?: { signIn: OidcSignIn } & OidcRouteOptions;
  /** The running server's own secret for commands of its OS user (cli/server-runtime.ts): an admin reading every row. */
  runtimeToken?: string;
}

/** Who the runtime token speaks for (in the audit trail as token:local-command-line). */
export const LOCAL_COMMAND_LINE = 'local-command-line';
const localCommandLine: Caller = { via: 'token', principal: tokenPrincipal(LOCAL_COMMAND_LINE), role: 'admin', rows: { kind: 'all' }, tokenId: LOCAL_COMMAND_LINE };

const sameSecret = (given: string, secret: string | undefined): boolean => {
  if (secret === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/** `Authorization: Bearer <token>` → the token; undefined without that header. */
function bearerOf(request: Request): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(request.get('Authorization') ?? '');
  return match?.[1];
}

export function signInAccess({ signIn, tokens, links, linkMinutes, users, oidc, runtimeToken }: SignInAccessDeps): AccessPolicy {
  const identify: RequestHandler = async (request, response, next) => {
    const bearer = bearerOf(request);
    if (bearer !== undefined) {
      const caller = sameSecret(bearer, runtimeToken) ? localCommandLine : await tokens.callerOf(bearer);
      setIdentity(request, caller ? { caller } : { badToken: true });
    } else {
      const sessionId = sessionCookieOf(request);
      const caller = sessionId === undefined ? undefined : await signIn.sessionCaller(sessionId);
      // A cookie of a session that has ended is dropped, so the browser stops sending it.
      if (sessionId !== undefined && !caller) clearSessionCookie(request, response);
      setIdentity(request, { caller });
    }
    next();
  };

  const require = (role: Role): RequestHandler => {
    if (role === 'anyone') return (_request, _response, next) => next();
    return (request, response, next) => {
      const identity = identityOf(request) ?? {};
      const caller = identity.caller;
      if (!caller) {
        response.setHeader('WWW-Authenticate', identity.badToken ? 'Bearer realm="popsight", error="invalid_token"' : 'Bearer realm="popsight"');
        throw new HttpError(401, identity.badToken ? 'invalid_token' : 'not_signed_in', identity.badToken ? accountMessages.invalidToken : accountMessages.notSignedIn);
      }
      if (!passesCsrfCheck(request, caller)) throw new HttpError(403, 'csrf_token_missing', accountMessages.csrfMissing);
      if (!holdsRole(caller.role, role)) throw new HttpError(403, 'forbidden', accountMessages.roleTooLow(role, caller.role), { required: role, held: caller.role });
      next();
    };
  };

  const accounts = links && users ? accountRoutes({ users, tokens, links, linkMinutes: linkMinutes ?? DEFAULT_SIGN_IN_LINK_MS / 60_000 }) : [];
  return { identify, require, routes: [...sessionRoutes(signIn, links), ...accounts, ...(oidc ? oidcRoutes(oidc.signIn, signIn, oidc) : [])] };
}

/** The sign-in policy over the state store's accounts, with its side effects (clock, random bytes) and idle timeout. */
export function accountsAccess(stores: AccountStores, deps: SignInDeps, extra: { links?: SignInLinks; linkMinutes?: number; oidc?: OidcConfig & OidcRouteOptions; fetch?: typeof fetch; runtimeToken?: string } = {}): AccessPolicy {
  const oidc = extra.oidc && { ...extra.oidc, signIn: oidcSignIn(extra.oidc, { ...deps, fetch: extra.fetch ?? fetch }) };
  return signInAccess({ signIn: signInService(stores, deps), tokens: apiTokens(stores.tokens, deps), links: extra.links, linkMinutes: extra.linkMinutes, users: stores.users, oidc, runtimeToken: extra.runtimeToken });
}
