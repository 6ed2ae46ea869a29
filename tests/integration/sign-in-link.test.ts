// The demo stays two commands with sign-in on: a server started with an admin link creates the
// administrator on an empty state store and issues a one-time link that opens a session once,
// within its lifetime; `popsight demo` (what npm start runs) and `popsight serve` require sign-in
// unless --no-sign-in, which they allow on loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { accountMessages } from '../../core/accounts/account-messages.ts';
import { SIGN_IN_LINK_PATH } from '../../core/accounts/sign-in-links.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { SESSION_COOKIE } from '../../server/accounts/session-cookie.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;
const MINUTE = 60_000;
const CLI = join(import.meta.dirname, '../../bin/popsight.mjs');

const cookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
const get = (url: string, cookie?: string) => fetch(url, { redirect: 'manual', headers: cookie ? { Cookie: `${SESSION_COOKIE}=${cookie}` } : {} });

describe('one-time sign-in link', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-sign-in-link-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  let now = Date.parse('2025-03-03T09:00:00Z');
  const clock = () => new Date(now);
  const start = (adminLink: 'first-start' | 'every-start') => startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false, signIn: { clock, adminLink, linkMinutes: 5 } });
  let server: RunningServer;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await start('first-start');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates the administrator on an empty store and answers the API with 401 until the link is used', async () => {
    expect(server.signInLink).toEqual({ url: expect.stringMatching(new RegExp(`^${server.url}${SIGN_IN_LINK_PATH}\\?token=[\\w-]{43}$`)), user: 'admin@example.org', created: true, minutes: 5 });
    const refused = await get(`${server.url}/api/meta`);
    expect([refused.status, ((await refused.json()) as Json).error.code]).toEqual([401, 'not_signed_in']);
  });

  it('signs in once: a session cookie and a redirect to the dashboard, then the same link is refused', async () => {
    const first = await get(server.signInLink!.url);
    expect([first.status, first.headers.get('location'), first.headers.get('cache-control')]).toEqual([303, '/', 'no-store']);
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^[\w-]{43}$/);
    const session = await get(`${server.url}/api/session`, cookie);
    expect(await session.json()).toEqual({ user: 'admin@example.org', role: 'admin', csrfToken: expect.any(String) });
    expect((await get(`${server.url}/api/meta`, cookie)).status).toBe(200);

    const second = await get(server.signInLink!.url);
    expect([second.status, ((await second.json()) as Json).error]).toEqual([401, expect.objectContaining({ code: 'sign_in_link_refused', message: accountMessages.signInLinkRefused })]);
    expect(cookieOf(second)).toBeUndefined();
    for (const bad of ['', '?token=', '?token=not-a-link']) expect((await get(`${server.url}${SIGN_IN_LINK_PATH}${bad}`)).status).toBe(401);
  });

  it('keeps the link out of the audit trail (recorded as redacted)', async () => {
    const { cookie } = { cookie: cookieOf(await get((await restart('every-start')).signInLink!.url)) };
    const audit = (await (await get(`${server.url}/api/audit?limit=10000`, cookie)).json()) as Json;
    const linkRecords = audit.records.filter((r: Json) => r.route === '/session/link');
    expect(linkRecords.length).toBeGreaterThanOrEqual(3);
    expect(linkRecords.map((r: Json) => r.parameters.token ?? null)).toEqual(linkRecords.map(() => expect.toBeOneOf(['[redacted]', null])));
    expect(JSON.stringify(audit)).not.toContain(new URL(server.signInLink!.url).searchParams.get('token'));
  });

  it('refuses a link used after its lifetime', async () => {
    await restart('every-start');
    expect(server.signInLink!.created).toBe(false);
    now += 5 * MINUTE;
    const late = await get(server.signInLink!.url);
    expect([late.status, cookieOf(late)]).toEqual([401, undefined]);
  });

  it('issues no link on a later start of `serve` (first-start), and one on every start of the demo (every-start)', async () => {
    expect((await restart('first-start')).signInLink).toBeUndefined();
    const again = await restart('every-start');
    expect(again.signInLink).toMatchObject({ user: 'admin@example.org', created: false });
    now += 4 * MINUTE;
    expect((await get(again.signInLink!.url)).status).toBe(303);
  });

  async function restart(adminLink: 'first-start' | 'every-start'): Promise<RunningServer> {
    await server.close();
    server = await start(adminLink);
    return server;
  }
});

/** Starts `popsight <args>` and resolves once it has printed its dashboard URL (and, when `link`, the sign-in link). */
function startCli(args: string[], home: string, { link }: { link: boolean }): Promise<{ child: ChildProcess; url: string; link?: string; stdout: () => string; stderr: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, POPSIGHT_HOME: home, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const url = /Dashboard: (\S+)/.exec(stdout)?.[1];
      const printed = /Sign in: +(\S+)/.exec(stdout)?.[1];
      if (url && (printed || !link)) resolve({ child, url, link: printed, stdout: () => stdout, stderr: () => stderr });
    });
    child.once('exit', (code) => reject(new Error(`popsight ${args.join(' ')} exited with ${code}: ${stderr}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('popsight demo and serve require sign-in by default', () => {
  const home = mkdtempSync(join(tmpdir(), 'popsight-demo-home-'));
  const demoWarehouse = join(home, 'demo', 'warehouse.duckdb');

  it('npm start is popsight demo', () => {
    expect(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).scripts.start).toBe('node bin/popsight.mjs demo');
  });

  it('popsight demo creates the admin, prints a one-time link with the URL, and answers the API with 401 without it', async () => {
    const demo = await startCli(['demo', '--people', '40'], home, { link: true });
    try {
      expect(demo.link!.startsWith(`${demo.url}${SIGN_IN_LINK_PATH}?token=`)).toBe(true);
      expect(demo.stdout()).toContain(accountMessages.adminCreated('admin@example.org'));
      expect((await get(`${demo.url}/api/measures/diabetes-prevalence`)).status).toBe(401);
      const signedIn = await get(demo.link!);
      expect(signedIn.status).toBe(303);
      expect((await get(`${demo.url}/api/measures/diabetes-prevalence`, cookieOf(signedIn))).status).toBe(200);
      expect((await get(demo.link!)).status).toBe(401);
    } finally {
      await stop(demo.child);
    }
  });

  it('popsight serve prints no link once an administrator exists, and answers the API with 401', async () => {
    const serve = await startCli(['serve', '--warehouse', demoWarehouse], home, { link: false });
    try {
      expect((await get(`${serve.url}/api/measures/diabetes-prevalence`)).status).toBe(401);
      expect(serve.stdout()).not.toContain('Sign in:');
    } finally {
      await stop(serve.child);
    }
  });

  it('popsight users link prints a new link from the running server, and tokens revoke beside it refuses the token at once', async () => {
    const state = join(home, 'state');
    const created = await runPopsight(['tokens', 'create', '--role', 'analyst', '--restrict', 'all', '--state', state]);
    const [token, id] = [created.stdout.trim(), /(tok_[0-9a-f]{12})/.exec(created.stderr)![1]!];
    const serve = await startCli(['serve', '--warehouse', demoWarehouse], home, { link: false });
    try {
      const linked = await runPopsight(['users', 'link', 'admin@example.org', '--state', state]);
      expect([linked.code, linked.stderr.trim()]).toEqual([0, accountMessages.linkMade('admin@example.org', 15)]);
      const url = linked.stdout.trim();
      expect(url).toMatch(new RegExp(`^${serve.url}${SIGN_IN_LINK_PATH}\\?token=[\\w-]{43}$`));
      const signedIn = await get(url);
      expect(signedIn.status).toBe(303);
      expect(await (await get(`${serve.url}/api/session`, cookieOf(signedIn))).json()).toMatchObject({ user: 'admin@example.org', role: 'admin' });
      expect((await get(url)).status).toBe(401);
      const unknown = await runPopsight(['users', 'link', 'nobody@example.org', '--state', state]);
      expect([unknown.code, unknown.stdout]).toEqual([1, '']);
      expect(unknown.stderr).toContain(accountMessages.noSuchUser('nobody@example.org'));

      const withToken = () => fetch(`${serve.url}/api/measures/diabetes-prevalence`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await withToken()).status).toBe(200);
      const revoked = await runPopsight(['tokens', 'revoke', id, '--state', state]);
      expect([revoked.code, revoked.stdout.trim()]).toEqual([0, accountMessages.tokenRevoked(id)]);
      expect((await withToken()).status).toBe(401);
      expect((await runPopsight(['tokens', 'revoke', id, '--state', state])).stderr).toContain(accountMessages.noSuchToken(id));
    } finally {
      await stop(serve.child);
    }
    const noServer = await runPopsight(['users', 'link', 'admin@example.org', '--state', state]);
    expect([noServer.code, noServer.stderr.trim()]).toEqual([1, `popsight: ${accountMessages.linkNeedsServer}`]);
  });

  it('serves without sign-in on loopback with --no-sign-in, with a warning', async () => {
    const open = await startCli(['serve', '--warehouse', demoWarehouse, '--no-sign-in'], home, { link: false });
    try {
      expect(open.stderr()).toContain(accountMessages.signInOff);
      expect((await get(`${open.url}/api/measures/diabetes-prevalence`)).status).toBe(200);
    } finally {
      await stop(open.child);
    }
  });

  it('refuses --no-sign-in on every interface, naming the host', async () => {
    const refused = await runPopsight(['serve', '--warehouse', demoWarehouse, '--no-sign-in', '--host', '0.0.0.0', '--port', '0']);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, `popsight: ${accountMessages.signInOffNeedsLoopback('0.0.0.0')}`]);
  });
});
