// The reports API on a real server without a mail server: "Subscribe to this view" (POST
// /api/reports) with its field errors, the list, "Send now" writing to the outbox, the outbox listed
// and each message shown as a page with its chart inline, a report's runs and deliveries, and
// `popsight reports run <id>` sending through the running server that holds the state store.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runReportCommand } from '../../cli/report-commands.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const home = mkdtempSync(join(tmpdir(), 'popsight-report-api-'));
const stateDir = join(home, 'state');
const outbox = join(home, 'outbox');
let built: TestWarehouse;
let server: RunningServer;

const api = (path: string, init?: RequestInit) => fetch(`${server.url}/api${path}`, init);
const post = (path: string, body: unknown) => api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const patch = (path: string, body: unknown) => api(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; details?: { field?: string } } }).error;
const VIEW = { measure: 'diabetes-prevalence', by: 'sex', period: 'year' };

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  built = await buildTestWarehouse({ people: 600 });
  server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, reports: { home, pollMs: 3_600_000 } });
}, 240_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  built?.remove();
});

describe('the reports API', () => {
  let id: string;

  it('creates a report from a view, owned by the caller, and names the field at fault otherwise', async () => {
    const created = await post('/reports', { name: 'My view', recipients: ['Ann@Example.org'], views: [VIEW] });
    expect(created.status).toBe(201);
    const report = (await created.json()) as { id: string; owner: string; recipients: string[]; schedule: unknown; nextRunAt: string };
    expect(report).toMatchObject({ owner: 'local', recipients: ['ann@example.org'], schedule: { cron: '0 7 * * 1', timeZone: 'UTC', afterLoad: false } });
    expect(new Date(report.nextRunAt).getUTCDay()).toBe(1);
    id = report.id;
    const badAddress = await post('/reports', { name: 'x', recipients: ['bob'], views: [VIEW] });
    expect(badAddress.status).toBe(400);
    expect(((await badAddress.json()) as { error: { message: string } }).error.message).toBe("Report recipients[0]: 'bob' is not an e-mail address");
    const ownerGiven = await post('/reports', { name: 'x', owner: 'someone', recipients: ['a@example.org'], views: [VIEW] });
    expect(ownerGiven.status).toBe(400);
    expect(((await ownerGiven.json()) as { error: { message: string } }).error.message).toMatch(/^Report owner: /);
  });

  it('lists it and says messages go to an outbox', async () => {
    const body = (await (await api('/reports')).json()) as { reports: { id: string; lastRun: unknown }[]; outbox: boolean };
    expect(body.outbox).toBe(true);
    expect(body.reports.map((r) => [r.id, r.lastRun])).toEqual([[id, null]]);
  });

  it('sends it now into the outbox, which lists the message and shows it as a page with the chart inline', async () => {
    const sent = await api(`/reports/${id}/runs`, { method: 'POST' });
    expect(sent.status).toBe(201);
    const run = (await sent.json()) as { status: string; transport: string; deliveries: { recipient: string; status: string; detail: string }[] };
    expect(run).toMatchObject({ status: 'sent', transport: outbox });
    expect(run.deliveries).toEqual([expect.objectContaining({ recipient: 'ann@example.org', status: 'sent', detail: expect.stringMatching(/\.eml$/) })]);
    const { messages } = (await (await api('/reports/outbox')).json()) as { messages: { name: string; to: string; subject: string }[] };
    expect(messages).toEqual([expect.objectContaining({ to: 'ann@example.org', subject: expect.stringMatching(/^My view \(data as of /) })]);
    expect(readdirSync(outbox).sort()).toEqual(['eml', 'html', 'json'].map((ext) => `${messages[0]!.name}.${ext}`));
    const page = await api(`/reports/outbox/${messages[0]!.name}`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<h1 style="font-size:20px">My view</h1>');
    expect(html).toMatch(/<img src="data:image\/png;base64,iVBORw0KGgo/);
    expect(html).not.toContain('cid:');
    expect((await api('/reports/outbox/..%2Fstate')).status).toBe(404);
    expect((await api('/reports/outbox/no-such')).status).toBe(404);
  });

  it('shows the report with its runs and deliveries, newest first', async () => {
    const report = (await (await api(`/reports/${id}`)).json()) as { runs: { trigger: string; status: string; deliveries: { recipient: string }[] }[] };
    expect(report.runs).toEqual([expect.objectContaining({ trigger: 'manual', status: 'sent', deliveries: [expect.objectContaining({ recipient: 'ann@example.org' })] })]);
    expect((await api('/reports/no-such')).status).toBe(404);
  });

  it('popsight reports run <id> sends through the running server that holds the state store', async () => {
    const outcome = await runReportCommand(id, { state: stateDir }, { ...process.env, POPSIGHT_HOME: home });
    expect(outcome.run).toMatchObject({ status: 'sent', transport: outbox });
    expect(readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    const report = (await (await api(`/reports/${id}`)).json()) as { runs: unknown[] };
    expect(report.runs).toHaveLength(2);
  });

  it('changes recipients and schedule, keeps the rest, and makes the next run again in the new zone', async () => {
    const changed = await patch(`/reports/${id}`, { recipients: ['ann@example.org', 'Bob@Example.org'], schedule: { cron: '30 8 * * 2', timeZone: 'America/New_York' } });
    expect(changed.status).toBe(200);
    const report = (await changed.json()) as { name: string; owner: string; recipients: string[]; views: unknown[]; nextRunAt: string };
    expect(report).toMatchObject({ name: 'My view', owner: 'local', recipients: ['ann@example.org', 'bob@example.org'], views: [expect.objectContaining({ ...VIEW, by: ['sex'] })] });
    // 08:30 on a Tuesday in New York is 12:30 or 13:30 UTC (daylight saving or not), on a Tuesday.
    const next = new Date(report.nextRunAt);
    expect(next.getUTCDay()).toBe(2);
    expect([`12:30`, `13:30`]).toContain(next.toISOString().slice(11, 16));
    const listed = (await (await api(`/reports/${id}`)).json()) as { recipients: string[]; nextRunAt: string };
    expect(listed).toMatchObject({ recipients: ['ann@example.org', 'bob@example.org'], nextRunAt: report.nextRunAt });
  });

  it('names the field at fault in a change, and changes nothing then', async () => {
    const badZone = await patch(`/reports/${id}`, { schedule: { cron: '0 7 * * 1', timeZone: 'Mars/Olympus' } });
    expect(badZone.status).toBe(400);
    expect(await errorOf(badZone)).toMatchObject({ code: 'invalid_definition', details: { field: 'schedule.timeZone' } });
    const badCron = await patch(`/reports/${id}`, { schedule: { cron: '61 7 * * 1', timeZone: 'UTC' } });
    expect((await errorOf(badCron)).details?.field).toBe('schedule.cron');
    const owner = await patch(`/reports/${id}`, { owner: 'someone' });
    expect(owner.status).toBe(400);
    expect(await errorOf(owner)).toMatchObject({ details: { field: 'owner' }, message: 'Report owner: cannot be changed (fields that can: name, recipients, views, schedule, pdf)' });
    const notObject = await api(`/reports/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '[1]' });
    expect(notObject.status).toBe(400);
    expect((await patch('/reports/no-such', { name: 'x' })).status).toBe(404);
    const report = (await (await api(`/reports/${id}`)).json()) as { schedule: { timeZone: string } };
    expect(report.schedule.timeZone).toBe('America/New_York');
  });

  it('adds a view to the report (Add to report), naming a bad one\'s field', async () => {
    const added = await post(`/reports/${id}/views`, { measure: 'ed-visits-per-1000', period: 'quarter', filters: { sex: 'F' } });
    expect(added.status).toBe(201);
    const report = (await added.json()) as { views: { measure: string; period: string; filters: Record<string, string> }[] };
    expect(report.views.map((v) => [v.measure, v.period, v.filters])).toEqual([['diabetes-prevalence', 'year', {}], ['ed-visits-per-1000', 'quarter', { sex: 'F' }]]);
    const bad = await post(`/reports/${id}/views`, { measure: 'no-such-measure' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details?.field).toBe('views[2].measure');
  });

  it('pauses and resumes a report, resuming from the next scheduled time after now', async () => {
    const paused = await post(`/reports/${id}/pause`, {});
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as { paused: { reason: string } }).paused).toMatchObject({ reason: 'paused by hand' });
    const listed = (await (await api('/reports')).json()) as { reports: { id: string; paused: unknown }[] };
    expect(listed.reports.find((r) => r.id === id)!.paused).not.toBeNull();
    const resumed = await post(`/reports/${id}/resume`, {});
    expect(resumed.status).toBe(200);
    const report = (await resumed.json()) as { paused: unknown; nextRunAt: string };
    expect(report.paused).toBeNull();
    expect(Date.parse(report.nextRunAt)).toBeGreaterThan(Date.now());
    expect(new Date(report.nextRunAt).getUTCDay()).toBe(2);
  });
});

describe('popsight reports run beside a server with sign-in', () => {
  it('goes through the server as the local command line, with the secret of its runtime file, which a wrong one does not open', async () => {
    const signedHome = mkdtempSync(join(tmpdir(), 'popsight-report-api-signed-'));
    const signedState = join(signedHome, 'state');
    const signed = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: signedState, signIn: true, reports: { home: signedHome, pollMs: 3_600_000 } });
    try {
      const runtime = JSON.parse(readFileSync(join(signedState, 'server.json'), 'utf8')) as { url: string; token?: string };
      expect(runtime.token).toMatch(/^[\w-]{43}$/);
      expect(statSync(join(signedState, 'server.json')).mode & 0o777).toBe(0o600);
      const create = (token: string) => fetch(`${signed.url}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'Signed', recipients: ['someone@example.org'], views: [VIEW] }),
      });
      expect((await create(`${runtime.token!.slice(0, -1)}x`)).status).toBe(401);
      const made = await create(runtime.token!);
      expect(made.status).toBe(201);
      const { id: signedId } = (await made.json()) as { id: string };
      // Without POPSIGHT_TOKEN the command uses the runtime file; the recipient has no account, so the run reaches nobody (default deny), but the server ran it.
      const environment: NodeJS.ProcessEnv = { ...process.env, POPSIGHT_HOME: signedHome };
      delete environment.POPSIGHT_TOKEN;
      const outcome = await runReportCommand(signedId, { state: signedState }, environment);
      expect(outcome.deliveries).toEqual([expect.objectContaining({ recipient: 'someone@example.org', status: 'skipped' })]);
    } finally {
      await signed.close();
    }
  }, 120_000);
});
