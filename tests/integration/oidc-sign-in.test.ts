// OpenID Connect sign-in against a small provider on loopback (tests/helpers/oidc-provider.ts): the
// authorization-code flow with PKCE, state and nonce; the ID token's signature checked against the
// provider's JWKS (and fetched again after a key rotation), its issuer, audience, expiry and nonce;
// the person mapped to a local account, whose role and row rule apply; nobody else signed in.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import { users } from '../../core/accounts/users.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { SESSION_COOKIE } from '../../server/accounts/session-cookie.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { newSigningKey, startTestProvider, type TestProvider, type TokenBend } from '../helpers/oidc-provider.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;
const MEASURE = '/api/measures/diabetes-prevalence?by=sex';
const ANN = { sub: 'ann-0001', email: 'ann@example.org', email_verified: true };

const cookieOf = (response: Response, name = SESSION_COOKIE) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1) || undefined;

describe('OpenID Connect sign-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-oidc-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  const now = Date.parse('2025-03-03T09:00:00Z');
  let skew = 0;
  const clock = () => new Date(now + skew);
  let provider: TestProvider;
  let server: RunningServer;
  let adminToken: string;

  const get = (url: string, cookie?: string, name = SESSION_COOKIE) => fetch(url, { redirect: 'manual', headers: cookie ? { Cookie: `${name}=${cookie}` } : {} });

  /** Walks the browser's redirects: Popsight → provider → Popsight's callback (with the state cookie unless `foreign`). */
  async function signInAs(claims: Record<string, unknown>, options: { bend?: TokenBend; foreign?: boolean; returnTo?: string } = {}) {
    provider.signedIn = claims;
    provider.nextToken = options.bend;
    const start = await get(`${server.url}/api/session/oidc?returnTo=${encodeURIComponent(options.returnTo ?? '/explore?measure=x')}`);
    expect(start.status).toBe(303);
    const state = cookieOf(start, 'popsight_oidc_state');
    const authorize = await get(start.headers.get('location')!);
    expect(authorize.status).toBe(302);
    const callbackUrl = authorize.headers.get('location')!;
    const callback = await get(callbackUrl, options.foreign ? undefined : state, 'popsight_oidc_state');
    const body = callback.status === 303 ? undefined : ((await callback.json()) as Json);
    return { start, state, callbackUrl, callback, body, cookie: cookieOf(callback) };
  }

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    provider = await startTestProvider(clock);
    const store = await openStateStore(stateDir, { clock, newId: () => randomBytes(8).toString('hex') });
    const deps = { clock, randomBytes };
    await users(store.accounts.users, deps).add('ann@example.org', 'analyst', randomBytes(24).toString('base64url'), { all: true });
    await users(store.accounts.users, deps).add('vic@example.org', 'viewer', randomBytes(24).toString('base64url'));
    await users(store.accounts.users, deps).add('gone@example.org', 'admin', randomBytes(24).toString('base64url'));
    await users(store.accounts.users, deps).disable('gone@example.org');
    adminToken = (await apiTokens(store.accounts.tokens, deps).create({ role: 'admin' })).token;
    await store.close();
    server = await startServer({
      warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false,
      signIn: { clock, oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret } },
    });
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  it('sends the browser to the provider with the code flow, PKCE (S256), a state and a nonce', async () => {
    const providers = await (await get(`${server.url}/api/session/providers`)).json();
    expect(providers).toEqual({ oidc: { start: '/api/session/oidc' } });
    const start = await get(`${server.url}/api/session/oidc`);
    const location = new URL(start.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${provider.issuer}/authorize`);
    const q = location.searchParams;
    expect(Object.fromEntries(q)).toEqual({
      response_type: 'code', client_id: provider.clientId, redirect_uri: `${server.url}/api/session/oidc/callback`, scope: 'openid email profile',
      state: expect.stringMatching(/^[\w-]{43}$/), nonce: expect.stringMatching(/^[\w-]{43}$/), code_challenge: expect.stringMatching(/^[\w-]{43}$/), code_challenge_method: 'S256',
    });
    expect(q.get('state')).not.toBe(q.get('nonce'));
    expect(start.headers.getSetCookie().find((c) => c.startsWith('popsight_oidc_state='))).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);
  });

  it('signs in a person with a local account: the local role and row rule, a session cookie, back to the page they were on', async () => {
    const { callback, cookie } = await signInAs(ANN);
    expect([callback.status, callback.headers.get('location')]).toEqual([303, '/explore?measure=x']);
    expect(provider.tokenRefusals).toEqual([]);
    expect(await (await get(`${server.url}/api/session`, cookie)).json()).toEqual({ user: 'ann@example.org', role: 'analyst', csrfToken: expect.any(String) });
    expect((await get(`${server.url}${MEASURE}`, cookie)).status).toBe(200);
    expect((await get(`${server.url}/api/audit`, cookie)).status).toBe(403);
  });

  it('applies the local account: a viewer with no row rule gets no data (default deny)', async () => {
    const { callback, cookie } = await signInAs({ sub: 'vic-1', email: 'vic@example.org', email_verified: true });
    expect(callback.status).toBe(303);
    const refused = await get(`${server.url}${MEASURE}`, cookie);
    expect([refused.status, ((await refused.json()) as Json).error.code]).toEqual([403, 'no_data_access']);
  });

  it('gives no session to a person without an active local account, or without a verified e-mail', async () => {
    for (const email of ['stranger@example.org', 'gone@example.org']) {
      const { callback, body, cookie } = await signInAs({ sub: email, email, email_verified: true });
      expect([callback.status, body!.error.code, body!.error.message, cookie]).toEqual([403, 'no_local_account', accountMessages.noLocalAccount(email), undefined]);
    }
    const unverified = await signInAs({ ...ANN, email_verified: false });
    expect([unverified.callback.status, unverified.body!.error.code, unverified.cookie]).toEqual([403, 'oidc_no_user_claim', undefined]);
  });

  it('refuses ID tokens that fail a check: signature, algorithm, issuer, audience, expiry, nonce', async () => {
    const bends: [string, TokenBend][] = [
      ['signature by another key', { signWith: newSigningKey('k1').privateKey }],
      ['alg none', { header: { alg: 'none' }, unsigned: true }],
      ['alg HS256', { header: { alg: 'HS256' } }],
      ['unknown key id', { header: { kid: 'nobody' } }],
      ['another issuer', { claims: { iss: 'http://127.0.0.1:1' } }],
      ['another audience', { claims: { aud: 'another-client' } }],
      ['several audiences without azp', { claims: { aud: [provider.clientId, 'another-client'] } }],
      ['expired', { claims: { exp: Math.floor(now / 1000) - 120 } }],
      ['another nonce', { claims: { nonce: 'replayed-nonce' } }],
    ];
    for (const [what, bend] of bends) {
      const { callback, body, cookie } = await signInAs(ANN, { bend });
      expect([callback.status, body?.error.code, cookie], what).toEqual([401, 'oidc_id_token', undefined]);
    }
    // Within the minute of clock skew tolerated, an expiry just past still passes.
    const justExpired = await signInAs(ANN, { bend: { claims: { exp: Math.floor(now / 1000) - 30 } } });
    expect(justExpired.callback.status).toBe(303);
  });

  it('fetches the JWKS again when the provider signs with a new key, and only then', async () => {
    const before = provider.jwksFetches;
    expect((await signInAs(ANN)).callback.status).toBe(303);
    expect(provider.jwksFetches).toBe(before);
    provider.rotate(true);
    expect((await signInAs(ANN)).callback.status).toBe(303);
    expect(provider.jwksFetches).toBe(before + 1);
  });

  it('refuses a callback replayed, made in another browser, or carrying the provider\'s refusal', async () => {
    const first = await signInAs(ANN);
    expect(first.callback.status).toBe(303);
    const replay = await get(first.callbackUrl, first.state, 'popsight_oidc_state');
    expect([replay.status, ((await replay.json()) as Json).error.code]).toEqual([400, 'oidc_unknown_state']);

    const foreign = await signInAs(ANN, { foreign: true });
    expect([foreign.callback.status, foreign.body!.error.code, foreign.cookie]).toEqual([400, 'oidc_unknown_state', undefined]);

    const start = await get(`${server.url}/api/session/oidc`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const denied = await get(`${server.url}/api/session/oidc/callback?error=access_denied&state=${state}`, cookieOf(start, 'popsight_oidc_state'), 'popsight_oidc_state');
    expect([denied.status, ((await denied.json()) as Json).error.code]).toEqual([401, 'oidc_provider_error']);
  });

  it('never returns to another site, and keeps the code and state out of the audit trail', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect((await signInAs(ANN, { returnTo })).callback.headers.get('location'), returnTo).toBe('/');
    }
    const audit = (await (await fetch(`${server.url}/api/audit?limit=10000`, { headers: { Authorization: `Bearer ${adminToken}` } })).json()) as Json;
    const callbacks = audit.records.filter((r: Json) => r.route === '/session/oidc/callback');
    expect(callbacks.length).toBeGreaterThan(10);
    for (const record of callbacks) {
      if (record.parameters.code !== undefined) expect(record.parameters.code).toBe('[redacted]');
      if (record.parameters.state !== undefined) expect(record.parameters.state).toBe('[redacted]');
    }
  });

  it('gives the provider the PKCE verifier that matches the challenge (a wrong one is refused by the provider)', () => {
    // Every exchange above passed the provider's S256 check of code_verifier against code_challenge.
    expect(provider.tokenRefusals).toEqual([]);
    expect(provider.authorizeRequests.length).toBeGreaterThan(15);
  });

  it('checks the --oidc options of popsight serve, and adds users without a password for the provider', async () => {
    const serve = (...args: string[]) => runPopsight(['serve', '--warehouse', warehouse, '--port', '0', ...args]);
    const plainHttp = await serve('--oidc-issuer', 'http://idp.example.org', '--oidc-client-id', 'x');
    expect([plainHttp.code, plainHttp.stderr.trim()]).toEqual([1, `popsight: ${accountMessages.oidcBadIssuer('http://idp.example.org')}`]);
    const noClient = await serve('--oidc-issuer', 'https://idp.example.org');
    expect(noClient.stderr.trim()).toBe(`popsight: ${accountMessages.oidcIssuerAndClient}`);
    const open = await serve('--no-sign-in', '--oidc-issuer', 'https://idp.example.org', '--oidc-client-id', 'x');
    expect(open.stderr.trim()).toBe(`popsight: ${accountMessages.oidcWithoutSignIn}`);

    const accounts = join(dir, 'accounts-cli');
    const added = await runPopsight(['users', 'add', 'dee@example.org', '--role', 'viewer', '--no-password', '--restrict', 'all', '--state', accounts]);
    expect([added.code, added.stdout.split('\n')[0]]).toEqual([0, accountMessages.userAdded('dee@example.org', 'viewer')]);
  });
});
