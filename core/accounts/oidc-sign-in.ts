// OpenID Connect sign-in, the authorization-code flow (OpenID Connect Core 1.0, 3.1) with PKCE
// (RFC 7636, S256), a state and a nonce per sign-in: `begin` gives the provider's authorization URL
// and remembers the sign-in for ten minutes; `complete` takes the provider's answer, exchanges the
// code, verifies the ID token (id-token.ts) and names the local user it maps to. Which local account
// that is, and whether it may sign in at all, the caller decides (default deny: no account, no
// session). The provider's HTTP endpoints are reached through the `fetch` passed in.
import { createHash, type JsonWebKey } from 'node:crypto';
import { IdTokenError, verifyIdToken, type IdTokenClaims } from './id-token.ts';
import type { RandomBytes } from './secrets.ts';

/** The claim that names the local user: `email` (only when `email_verified` is true), `preferred_username` or `sub`. */
export const OIDC_USER_CLAIMS = ['email', 'preferred_username', 'sub'] as const;
export type OidcUserClaim = (typeof OIDC_USER_CLAIMS)[number];

export interface OidcConfig {
  /** The issuer URL exactly as the provider's discovery document and ID tokens name it. */
  issuer: string;
  clientId: string;
  /** Sent with HTTP Basic authentication to the token endpoint; none for a public client (PKCE alone). */
  clientSecret?: string;
  userClaim?: OidcUserClaim;
}

export interface OidcDeps {
  fetch: typeof fetch;
  clock: () => Date;
  randomBytes: RandomBytes;
}

export type OidcFailure = 'provider_error' | 'unknown_state' | 'discovery_failed' | 'exchange_failed' | 'id_token' | 'no_user_claim';

export class OidcError extends Error {
  override name = 'OidcError';
  constructor(
    readonly reason: OidcFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OidcSignIn {
  /** A new sign-in: the URL to send the browser to, and its state (to bind to the browser). */
  begin(redirectUri: string, returnTo: string): Promise<{ url: string; state: string }>;
  /** The provider's answer at the redirect URI: the local user name its ID token maps to, and where to go. */
  complete(answer: { state?: string; code?: string; error?: string; errorDescription?: string }): Promise<{ user: string; claims: IdTokenClaims; returnTo: string }>;
}

const PENDING_MS = 10 * 60 * 1000;
/** Sign-ins begun and not completed that are remembered at once (anyone may begin one). */
const MAX_PENDING = 10_000;

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

export function oidcSignIn(config: OidcConfig, deps: OidcDeps): OidcSignIn {
  const userClaim = config.userClaim ?? 'email';
  const pending = new Map<string, { nonce: string; verifier: string; redirectUri: string; returnTo: string; expiresAt: number }>();
  let discovery: Promise<Discovery> | undefined;
  let keys: JsonWebKey[] | undefined;

  async function getJson(url: string, init?: RequestInit): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
    const response = await deps.fetch(url, { ...init, headers: { Accept: 'application/json', ...init?.headers } });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { ok: response.ok, status: response.status, body };
  }

  function discover(): Promise<Discovery> {
    discovery ??= (async () => {
      const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const { ok, status, body } = await getJson(url).catch((cause: unknown) => {
        throw new OidcError('discovery_failed', `The identity provider's discovery document ${url} could not be read.`, { cause });
      });
      if (!ok) throw new OidcError('discovery_failed', `The identity provider answered ${status} for ${url}.`);
      if (body.issuer !== config.issuer) throw new OidcError('discovery_failed', `The discovery document names the issuer ${String(body.issuer)}, not ${config.issuer}.`);
      for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof body[field] !== 'string') throw new OidcError('discovery_failed', `The discovery document has no ${field}.`);
      }
      return body as unknown as Discovery;
    })();
    // A provider that was down is asked again next time.
    discovery.catch(() => (discovery = undefined));
    return discovery;
  }

  async function fetchKeys(): Promise<JsonWebKey[]> {
    const { jwks_uri } = await discover();
    const { ok, body } = await getJson(jwks_uri);
    if (!ok || !Array.isArray(body.keys)) throw new OidcError('discovery_failed', `The identity provider's JWKS (${jwks_uri}) could not be read.`);
    keys = body.keys as JsonWebKey[];
    return keys;
  }

  function forget(now: number): void {
    for (const [state, entry] of pending) if (entry.expiresAt <= now) pending.delete(state);
    while (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
  }

  return {
    async begin(redirectUri, returnTo) {
      const { authorization_endpoint } = await discover();
      const now = deps.clock().getTime();
      forget(now);
      const [state, nonce, verifier] = [32, 32, 32].map((n) => deps.randomBytes(n).toString('base64url')) as [string, string, string];
      pending.set(state, { nonce, verifier, redirectUri, returnTo, expiresAt: now + PENDING_MS });
      const url = new URL(authorization_endpoint);
      for (const [name, value] of Object.entries({
        response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, scope: 'openid email profile',
        state, nonce, code_challenge: s256(verifier), code_challenge_method: 'S256',
      })) url.searchParams.set(name, value);
      return { url: url.href, state };
    },

    async complete({ state, code, error, errorDescription }) {
      const entry = state === undefined ? undefined : pending.get(state);
      if (state !== undefined) pending.delete(state);
      if (error !== undefined) throw new OidcError('provider_error', `The identity provider refused the sign-in: ${error}${errorDescription ? ` (${errorDescription})` : ''}.`);
      if (!entry || entry.expiresAt <= deps.clock().getTime()) throw new OidcError('unknown_state', 'This sign-in is unknown or older than ten minutes: start it again.');
      if (!code) throw new OidcError('provider_error', 'The identity provider sent no authorization code.');
      const { token_endpoint } = await discover();
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: entry.redirectUri, code_verifier: entry.verifier, client_id: config.clientId });
      const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
      // RFC 6749 2.3.1: id and secret form-encoded, then Basic.
      if (config.clientSecret !== undefined) headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString('base64')}`;
      const exchanged = await getJson(token_endpoint, { method: 'POST', headers, body: form.toString() }).catch((cause: unknown) => {
        throw new OidcError('exchange_failed', `The identity provider's token endpoint could not be reached.`, { cause });
      });
      if (!exchanged.ok || typeof exchanged.body.id_token !== 'string') {
        throw new OidcError('exchange_failed', `The identity provider did not exchange the code (${exchanged.status}${typeof exchanged.body.error === 'string' ? `: ${exchanged.body.error}` : ''}).`);
      }
      const idToken = exchanged.body.id_token;
      const check = (jwks: JsonWebKey[]) => verifyIdToken(idToken, { issuer: config.issuer, clientId: config.clientId, nonce: entry.nonce, keys: jwks, now: deps.clock() });
      let claims: IdTokenClaims;
      try {
        try {
          claims = check(keys ?? (await fetchKeys()));
        } catch (error) {
          // A key id not seen yet: the provider may have rotated its keys since they were fetched.
          if (!(error instanceof IdTokenError && error.reason === 'unknown_key')) throw error;
          claims = check(await fetchKeys());
        }
      } catch (error) {
        if (error instanceof IdTokenError) throw new OidcError('id_token', `The identity provider's ID token was refused: ${error.message}`, { cause: error });
        throw error;
      }
      const user = userOf(claims, userClaim);
      if (user === undefined) throw new OidcError('no_user_claim', userClaim === 'email' ? 'The ID token carries no verified e-mail address (email with email_verified true).' : `The ID token carries no ${userClaim}.`);
      return { user, claims, returnTo: entry.returnTo };
    },
  };
}

function userOf(claims: IdTokenClaims, claim: OidcUserClaim): string | undefined {
  const value = claims[claim];
  if (typeof value !== 'string' || value === '') return undefined;
  if (claim === 'email' && claims.email_verified !== true) return undefined;
  return value;
}
