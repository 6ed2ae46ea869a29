// Sign-in on a real server and state file: a session cookie with its flags, one answer for every
// failed sign-in, CSRF tokens on changes made with the cookie (not with a Bearer token), the idle
// timeout on an injected clock, signing out, principals in the audit trail, and secrets that the
// state file holds only as hashes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { restrictionMessages } from '../../core/accounts/row-restriction.ts';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import { users } from '../../core/accounts/users.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { SESSION_COOKIE } from '../../server/accounts/session-cookie.ts';
import { openStateDatabase, type StateDatabase } from '../../server/state/state-database.ts';
import { openStateStore, STATE_FILE, type StateStore } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';
import { runPopsight } from '../helpers/run-popsight.ts';

type Json = Record<string, any>;

const MINUTE = 60_000;
const MEASURE = '/api/measures/diabetes-prevalence?by=sex';
const COHORT = JSON.stringify({ name: 'Women', criteria: { sex: 'F' } });

describe('sign-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-sign-in-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  let now = Date.parse('2025-03-03T09:00:00Z');
  const clock = () => new Date(now);
  let store: StateStore;
  let db: StateDatabase;
  let server: RunningServer;
  let analystToken: string;
  let adminToken: string;

  const call = (path: string, init: RequestInit & { cookie?: string; csrf?: string; bearer?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set('Cookie', `${SESSION_COOKIE}=${init.cookie}`);
    if (init.csrf) headers.set('X-CSRF-Token', init.csrf);
    if (init.bearer) headers.set('Authorization', `Bearer ${init.bearer}`);
    if (typeof init.body === 'string') headers.set('Content-Type', 'application/json');
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const signIn = async (user: string, password: string) => {
    const response = await call('/api/session', { method: 'POST', body: JSON.stringify({ user, password }) });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    return { response, setCookie, cookie: setCookie?.split(';')[0]!.slice(SESSION_COOKIE.length + 1), body: (await response.json()) as Json };
  };

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    store = await openStateStore(stateDir, { clock, newId: () => randomBytes(8).toString('hex') });
    const accountDeps = { clock, randomBytes };
    await users(store.accounts.users, accountDeps).add('ann', 'analyst', 'ann-password-12', { all: true });
    await users(store.accounts.users, accountDeps).add('gone', 'admin', 'gone-password-12');
    await users(store.accounts.users, accountDeps).disable('gone');
    analystToken = (await apiTokens(store.accounts.tokens, accountDeps).create({ role: 'analyst', label: 'script', restriction: { all: true } })).token;
    adminToken = (await apiTokens(store.accounts.tokens, accountDeps).create({ role: 'admin' })).token;
    // The server shares this process's instance of the state file, so the test can read it with SQL.
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: { clock } });
    db = await openStateDatabase(join(stateDir, STATE_FILE));
  });
  afterAll(async () => {
    await db?.release();
    await server?.close();
    await store?.close();
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict, Path=/ (Secure only over https)', async () => {
    const { response, setCookie, cookie, body } = await signIn('ann', 'ann-password-12');
    expect(response.status).toBe(200);
    expect(body).toEqual({ user: 'ann', role: 'analyst', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    const flags = setCookie!.split(';').slice(1).map((f) => f.trim());
    expect(flags).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(flags).not.toContain('Secure');
    expect(flags.some((f) => /^(Max-Age|Expires)=/i.test(f))).toBe(false);
    expect(cookie).toMatch(/^[\w-]{43}$/);
    const session = await call('/api/session', { cookie });
    expect([session.status, await session.json()]).toEqual([200, body]);
    expect((await call(MEASURE, { cookie })).status).toBe(200);
  });

  it('answers a wrong password, an unknown user and a disabled user with the same 401', async () => {
    for (const [user, password] of [['ann', 'not-her-password'], ['nobody', 'ann-password-12'], ['gone', 'gone-password-12']]) {
      const { response, setCookie, body } = await signIn(user!, password!);
      expect([response.status, body.error.code, body.error.message], user).toEqual([401, 'sign_in_failed', accountMessages.signInFailed]);
      expect(setCookie).toBeUndefined();
    }
    const malformed = await call('/api/session', { method: 'POST', body: '{"user":"ann"}' });
    expect(malformed.status).toBe(400);
  });

  it('refuses a request without credentials (401, WWW-Authenticate) and one with a bad token', async () => {
    const none = await call(MEASURE);
    expect([none.status, ((await none.json()) as Json).error.code]).toEqual([401, 'not_signed_in']);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="popsight"');
    const bad = await call(MEASURE, { bearer: 'popsight_not-a-token' });
    expect([bad.status, ((await bad.json()) as Json).error.message]).toEqual([401, accountMessages.invalidToken]);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect((await call('/api/health')).status).toBe(200);
    expect((await call('/api/session')).status).toBe(401);
  });

  it('needs X-CSRF-Token on a change made with the session cookie (403 without, 201 with), and none with a Bearer token', async () => {
    const { cookie, body } = await signIn('ann', 'ann-password-12');
    const without = await call('/api/cohorts', { method: 'POST', body: COHORT, cookie });
    expect([without.status, ((await without.json()) as Json).error]).toEqual([403, expect.objectContaining({ code: 'csrf_token_missing', message: accountMessages.csrfMissing })]);
    const wrong = await call('/api/cohorts', { method: 'POST', body: COHORT, cookie, csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    const withToken = await call('/api/cohorts', { method: 'POST', body: COHORT, cookie, csrf: body.csrfToken });
    expect(withToken.status).toBe(201);
    const bearer = await call('/api/cohorts', { method: 'POST', body: COHORT, bearer: analystToken });
    expect(bearer.status).toBe(201);
    // A read needs no CSRF token.
    expect((await call('/api/cohorts', { cookie })).status).toBe(200);
  });

  it('ends a session after 15 minutes without a request, counted from the last request', async () => {
    const { cookie } = await signIn('ann', 'ann-password-12');
    now += 14 * MINUTE;
    expect((await call(MEASURE, { cookie })).status).toBe(200);
    now += 14 * MINUTE; // 28 minutes after signing in, 14 after the last request
    expect((await call(MEASURE, { cookie })).status).toBe(200);
    now += 15 * MINUTE + 1000;
    const expired = await call(MEASURE, { cookie });
    expect(expired.status).toBe(401);
    expect(expired.headers.getSetCookie().join()).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
    now += 1000;
    expect((await call('/api/session', { cookie })).status).toBe(401);
  });

  it('signs out: DELETE /api/session needs the CSRF token, ends the session and clears the cookie', async () => {
    const { cookie, body } = await signIn('ann', 'ann-password-12');
    expect((await call('/api/session', { method: 'DELETE', cookie })).status).toBe(403);
    const out = await call('/api/session', { method: 'DELETE', cookie, csrf: body.csrfToken });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect((await call('/api/session', { cookie })).status).toBe(401);
    expect((await call(MEASURE, { cookie })).status).toBe(401);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM sessions WHERE id_hash = ?', [createHash('sha256').update(cookie!).digest('hex')]);
    expect(row!.n).toBe(0);
  });

  it('keeps sessions and tokens only as SHA-256 hashes in the state file, and passwords only as scrypt hashes', async () => {
    const { cookie } = await signIn('ann', 'ann-password-12');
    const sessions = await db.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(sessions.map((s) => s.id_hash)).toContain(createHash('sha256').update(cookie!).digest('hex'));
    const tokens = await db.query<Json>('SELECT * FROM api_tokens');
    expect(tokens.map((t) => t.token_hash).sort()).toEqual([analystToken, adminToken].map((t) => createHash('sha256').update(t).digest('hex')).sort());
    const everything = JSON.stringify([sessions, tokens, await db.query('SELECT * FROM users')]);
    for (const secret of [cookie!, analystToken, adminToken, 'ann-password-12']) expect(everything).not.toContain(secret);
    const [ann] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = ?', ['ann']);
    expect(ann!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('stops the users and tokens commands while the server holds the state store, saying so', async () => {
    const held = await runPopsight(['tokens', 'list', '--state', stateDir]);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('stop the server first');
  });

  it('records the signed-in user and the token as principals in the audit trail', async () => {
    const audit = await call('/api/audit?limit=10000', { bearer: adminToken });
    expect(audit.status).toBe(200);
    const principals = new Set(((await audit.json()) as Json).records.map((r: Json) => r.principal));
    expect(principals).toEqual(new Set(['anonymous', 'user:ann', expect.stringMatching(/^token:tok_[0-9a-f]{12}$/)]));
    expect((await call('/api/audit', { bearer: analystToken })).status).toBe(403);
  });

  it('makes a new one-time sign-in link for an active user (admins only) without a restart', async () => {
    const ask = (user: string, bearer: string) => call('/api/accounts/sign-in-links', { method: 'POST', body: JSON.stringify({ user }), bearer });
    expect((await ask('ann', analystToken)).status).toBe(403);
    const made = await ask('ann', adminToken);
    const body = (await made.json()) as Json;
    expect([made.status, body.user, body.expiresInMinutes]).toEqual([201, 'ann', 15]);
    expect(body.url).toMatch(new RegExp(`^${server.url}/api/session/link\\?token=[\\w-]{43}$`));
    const opened = await fetch(body.url, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookie = opened.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
    expect(((await (await call('/api/session', { cookie })).json()) as Json).user).toBe('ann');
    expect((await fetch(body.url, { redirect: 'manual' })).status).toBe(401);
    const unknown = await ask('nobody', adminToken);
    expect([unknown.status, ((await unknown.json()) as Json).error.message]).toEqual([404, accountMessages.noSuchUser('nobody')]);
    const disabled = await ask('gone', adminToken);
    expect([disabled.status, ((await disabled.json()) as Json).error.message]).toEqual([409, accountMessages.userIsDisabled('gone')]);
    expect((await call('/api/accounts/sign-in-links', { method: 'POST', body: '{"name":"ann"}', bearer: adminToken })).status).toBe(400);
  });

  it('refuses a revoked token from the next request on, though a valid one is kept in memory', async () => {
    const accountDeps = { clock, randomBytes };
    const viaRoute = await apiTokens(store.accounts.tokens, accountDeps).create({ role: 'analyst', restriction: { all: true } });
    const viaStore = await apiTokens(store.accounts.tokens, accountDeps).create({ role: 'analyst', restriction: { all: true } });
    for (const { token } of [viaRoute, viaStore]) for (let i = 0; i < 3; i++) expect((await call(MEASURE, { bearer: token })).status).toBe(200);
    // The token's row in the state file is read once, then kept in memory: a changed row is not seen...
    await db.change((tx) => tx.run('UPDATE api_tokens SET role = ? WHERE id = ?', ['viewer', viaStore.record.id]));
    expect((await call(MEASURE, { bearer: viaStore.token, headers: { Accept: 'text/csv' } })).status).toBe(200);
    // ...but a revocation is, at once: through the admin route and through another store on the same file.
    expect((await call(`/api/accounts/tokens/${viaRoute.record.id}/revoke`, { method: 'POST', bearer: analystToken })).status).toBe(403);
    const revoked = await call(`/api/accounts/tokens/${viaRoute.record.id}/revoke`, { method: 'POST', bearer: adminToken });
    expect([revoked.status, await revoked.json()]).toEqual([200, { id: viaRoute.record.id, revoked: true }]);
    const refused = await call(MEASURE, { bearer: viaRoute.token });
    expect([refused.status, ((await refused.json()) as Json).error.code]).toEqual([401, 'invalid_token']);
    expect((await call(`/api/accounts/tokens/${viaRoute.record.id}/revoke`, { method: 'POST', bearer: adminToken })).status).toBe(404);
    const other = await openStateStore(stateDir, { clock, newId: () => randomBytes(8).toString('hex') });
    try {
      expect(await apiTokens(other.accounts.tokens, accountDeps).revoke(viaStore.record.id)).toBe(true);
    } finally {
      await other.close();
    }
    expect((await call(MEASURE, { bearer: viaStore.token })).status).toBe(401);
  });

  it('limits failed password sign-ins per user name: 5 in 15 minutes, then 429 naming when to retry', async () => {
    await users(store.accounts.users, { clock, randomBytes }).add('cy', 'viewer', 'cy-password-123', { all: true });
    const firstFailure = now;
    for (let i = 0; i < 5; i++) {
      expect((await signIn('cy', `wrong-${i}`)).response.status).toBe(401);
      now += MINUTE;
    }
    // The sixth try is refused without a check, even with the right password, until the first failure is 15 minutes old.
    const retryAt = new Date(firstFailure + 15 * MINUTE);
    const blocked = await signIn('cy', 'cy-password-123');
    expect([blocked.response.status, blocked.response.headers.get('retry-after'), blocked.body.error.code, blocked.body.error.message, blocked.setCookie])
      .toEqual([429, String(10 * 60), 'too_many_failed_sign_ins', accountMessages.tooManyFailedSignIns(retryAt), undefined]);
    // Another name is not held back by it.
    expect((await signIn('ann', 'ann-password-12')).response.status).toBe(200);
    now = firstFailure + 15 * MINUTE - 1000;
    expect((await signIn('cy', 'cy-password-123')).response.status).toBe(429);
    now = firstFailure + 15 * MINUTE;
    // The first failure has left the window: four remain, one more try is allowed, and a success forgets them.
    expect((await signIn('cy', 'cy-password-123')).response.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('cy', `wrong-again-${i}`)).response.status).toBe(401);
    expect((await signIn('cy', 'cy-password-123')).response.status).toBe(200);
    // Unknown names are counted alike, so the answers tell nothing about which names exist.
    for (let i = 0; i < 5; i++) expect((await signIn('nobody-here', 'x')).response.status).toBe(401);
    expect((await signIn('nobody-here', 'x')).response.status).toBe(429);
  });

  it('applies a change to a signed-in user from their next request, though sessions are kept in memory', async () => {
    const accounts = users(store.accounts.users, { clock, randomBytes });
    await accounts.add('dee', 'analyst', 'dee-password-123', { all: true });
    const { cookie } = await signIn('dee', 'dee-password-123');
    for (let i = 0; i < 3; i++) expect((await call(MEASURE, { cookie })).status).toBe(200);
    await accounts.restrict('dee', null);
    const denied = await call(MEASURE, { cookie });
    expect([denied.status, ((await denied.json()) as Json).error.code]).toEqual([403, 'no_data_access']);
    await accounts.restrict('dee', { all: true });
    expect((await call(MEASURE, { cookie })).status).toBe(200);
    await accounts.disable('dee');
    expect((await call(MEASURE, { cookie })).status).toBe(401);
  });

  it('honours a token\'s expiry though the token is kept in memory', async () => {
    const { token } = await apiTokens(store.accounts.tokens, { clock, randomBytes }).create({ role: 'analyst', restriction: { all: true }, expiresDays: 1 });
    expect((await call(MEASURE, { bearer: token })).status).toBe(200);
    now += 24 * 60 * MINUTE;
    expect((await call(MEASURE, { bearer: token })).status).toBe(401);
  });
});

describe('popsight users and tokens', () => {
  const stateDir = join(mkdtempSync(join(tmpdir(), 'popsight-accounts-cli-')), 'state');

  it('adds users with a password from standard input, creates, lists and revokes tokens, without a server', async () => {
    const added = await runPopsight(['users', 'add', 'bo', '--role', 'viewer', '--password-stdin', '--state', stateDir], 'bo-password-123\n');
    expect([added.code, added.stdout.trim()]).toEqual([0, `${accountMessages.userAdded('bo', 'viewer')}\n${accountMessages.rowsOf('viewer', null)}`]);
    // CI has no terminal: without --password-stdin the command says how to give one.
    const noPassword = await runPopsight(['users', 'add', 'cy', '--role', 'viewer', '--state', stateDir]);
    expect([noPassword.code, noPassword.stderr.trim()]).toEqual([1, `popsight: ${accountMessages.noPasswordGiven}`]);
    const created = await runPopsight(['tokens', 'create', '--role', 'admin', '--expires-days', '30', '--label', 'ci', '--state', stateDir]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^popsight_[\w-]{43}$/);
    const id = /(tok_[0-9a-f]{12})/.exec(created.stderr)![1]!;
    const listed = await runPopsight(['tokens', 'list', '--state', stateDir]);
    expect(listed.stdout).toContain(`${id}\tadmin\tactive`);
    expect(listed.stdout).not.toContain(token);
    const users = await runPopsight(['users', 'list', '--state', stateDir]);
    expect(users.stdout).toMatch(/^bo\tviewer\tactive\t.*\trows: none \(no rule\)$/m);

    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => 'x' });
    try {
      const tokens = apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes });
      expect(await tokens.callerOf(token)).toEqual({ via: 'token', principal: `token:${id}`, role: 'admin', rows: { kind: 'all' }, tokenId: id });
      await store.close();
      expect((await runPopsight(['tokens', 'revoke', id, '--state', stateDir])).code).toBe(0);
      expect((await runPopsight(['tokens', 'revoke', id, '--state', stateDir])).stderr).toContain(accountMessages.noSuchToken(id));
      const reopened = await openStateStore(stateDir, { clock: () => new Date(), newId: () => 'x' });
      expect(await apiTokens(reopened.accounts.tokens, { clock: () => new Date(), randomBytes }).callerOf(token)).toBeUndefined();
      await reopened.close();
    } finally {
      await store.close();
    }
  });

  it('gives users and tokens a row restriction with --restrict, lists it, and changes or clears it', async () => {
    const added = await runPopsight(['users', 'add', 'di', '--role', 'analyst', '--restrict', 'county=Essex County', '--restrict', 'payer=Medicare', '--restrict', 'county=Hudson County', '--password-stdin', '--state', stateDir], 'di-password-1234\n');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Rows it may read: only county Essex County or Hudson County; payer Medicare.');
    const listed = await runPopsight(['users', 'list', '--state', stateDir]);
    expect(listed.stdout).toMatch(/^di\tanalyst\tactive\t.*\trows: only county Essex County or Hudson County; payer Medicare$/m);
    const bad = await runPopsight(['users', 'add', 'ed', '--role', 'viewer', '--restrict', 'zip3=070', '--password-stdin', '--state', stateDir], 'ed-password-1234\n');
    expect([bad.code, bad.stderr.trim()]).toEqual([1, `popsight: ${restrictionMessages.badSpec('zip3=070')}`]);
    expect((await runPopsight(['users', 'restrict', 'di', '--restrict', 'all', '--state', stateDir])).stdout.trim()).toBe(accountMessages.userRestricted('di', 'all'));
    expect((await runPopsight(['users', 'list', '--state', stateDir])).stdout).toMatch(/^di\t.*\trows: all$/m);
    expect((await runPopsight(['users', 'restrict', 'di', '--clear', '--state', stateDir])).code).toBe(0);
    expect((await runPopsight(['users', 'list', '--state', stateDir])).stdout).toMatch(/^di\t.*\trows: none \(no rule\)$/m);
    expect((await runPopsight(['users', 'restrict', 'nobody', '--restrict', 'all', '--state', stateDir])).stderr).toContain(accountMessages.noSuchUser('nobody'));

    const created = await runPopsight(['tokens', 'create', '--role', 'viewer', '--restrict', 'organization=Acme Clinic', '--state', stateDir]);
    expect(created.code).toBe(0);
    const id = /(tok_[0-9a-f]{12})/.exec(created.stderr)![1]!;
    expect((await runPopsight(['tokens', 'list', '--state', stateDir])).stdout).toMatch(new RegExp(`^${id}\tviewer\tactive\t.*\trows: only organization Acme Clinic\t`, 'm'));
    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => 'x' });
    try {
      expect(await apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes }).callerOf(created.stdout.trim())).toMatchObject({ rows: { kind: 'limited', limits: { organization: ['Acme Clinic'] } } });
    } finally {
      await store.close();
    }
  }, 300_000);
});
