// The report scheduler on a real state store, a real warehouse and a real SMTP server in this process,
// with an injected clock: a Monday 07:00 Europe/Paris report runs at 05:00 UTC once summer time has
// begun (06:00 UTC the week before), runs once for any number of Mondays missed while the server was
// down and never twice (not even when the server stopped between running it and recording its next
// run); a mail server's "try again later" is retried with backoff and its "no such mailbox" is not; a
// run that reaches nobody sends the owner a notice and the third in a row pauses the report; the
// signed one-click unsubscribe link of a message, answered by a real server, stops that recipient's
// messages and nobody else's; a running server sends a due report on its own.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../cli/start-server.ts';
import { parseReportDefinition, type SavedReport } from '../../core/reports/report-definition.ts';
import type { ReportStore } from '../../core/reports/report-store.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { everyRowToEveryone } from '../../core/reports/recipient-rows.ts';
import { runReport, type RetryPolicy } from '../../server/reports/deliver-report.ts';
import { smtpMailer, type Mailer } from '../../server/reports/mailer.ts';
import { reportScheduler, type ReportScheduler } from '../../server/reports/report-scheduler.ts';
import { openReportStore } from '../../server/state/report-store.ts';
import { openStateStore, type StateStore } from '../../server/state/state-store.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const VIEW = { measure: 'diabetes-prevalence', by: 'sex', period: 'year' };
const BUSY = 'busy@example.org'; // refused once with 451, then accepted
const GONE = 'gone@example.org'; // refused with 550, always

/** A header field as sent (mailparser folds the List-* fields into one object). */
const headerOf = (mail: ParsedMail, name: string): string =>
  mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? '';

interface Received {
  to: string[];
  mail: ParsedMail;
}

let built: TestWarehouse;
let smtp: SMTPServer;
let smtpUrl: string;
let received: Received[] = [];
const refusedOnce = new Set<string>();
const home = mkdtempSync(join(tmpdir(), 'popsight-schedule-'));
const stateDir = join(home, 'state');

function startSmtp(): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === GONE) return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      if (address.address === BUSY && !refusedOnce.has(BUSY)) {
        refusedOnce.add(BUSY);
        return callback(Object.assign(new Error('4.7.1 Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks), { skipImageLinks: true }).then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback(null, 'Queued as test');
        });
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** A clock the test moves. */
function testClock(start: string) {
  let now = new Date(start);
  return { now: () => now, set: (iso: string) => (now = new Date(iso)) };
}

/** Records the backoff asked for instead of waiting. */
function recordingRetry(): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { attempts: 3, backoffMs: (attempt) => 2_000 * 4 ** (attempt - 1), sleep: async (ms) => void waits.push(ms), waits };
}

beforeAll(async () => {
  built = await buildTestWarehouse({ people: 600 });
  smtp = await startSmtp();
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  built?.remove();
});

describe('the report scheduler', () => {
  const clock = testClock('2026-03-28T12:00:00Z'); // a Saturday; Paris moves to summer time on Sunday 29 March
  let state: StateStore;
  let store: ReportStore & { close(): Promise<void> };
  let db: Database;
  let mailer: Mailer;
  let retry: ReturnType<typeof recordingRetry>;
  let scheduler: ReportScheduler;
  let weekly: SavedReport;
  let broken: SavedReport;
  const log = vi.fn();

  const newScheduler = () =>
    reportScheduler({
      store,
      warehouse: { use: (work) => work(db) },
      delivery: { mailer, from: 'Popsight <popsight@example.org>', retry, log, recipientRows: everyRowToEveryone },
      render: { baseUrl: 'https://dash.example/' },
      clock: clock.now,
      log,
    });

  beforeAll(async () => {
    state = await openStateStore(stateDir, { clock: clock.now, newId: randomUUID });
    store = await openReportStore(state, { clock: clock.now, newId: randomUUID });
    db = await openDatabase(built.warehouse, { readOnly: true });
    mailer = smtpMailer(smtpUrl);
    retry = recordingRetry();
    weekly = await store.save(parseReportDefinition({
      name: 'Monday pack', owner: 'owner@example.org', recipients: ['ann@example.org', BUSY, 'bob@example.org'], views: [VIEW],
      schedule: { cron: '0 7 * * 1', timeZone: 'Europe/Paris' },
    }));
    broken = await store.save(parseReportDefinition({
      name: 'Bounced', owner: 'owner@example.org', recipients: [GONE], views: [VIEW], schedule: { cron: '0 9 * * *', timeZone: 'UTC' },
    }));
    scheduler = newScheduler();
  }, 60_000);

  afterAll(async () => {
    await scheduler?.stop();
    mailer?.close();
    db?.close();
    await store?.close();
    await state?.close();
  });

  it('stores the next run in UTC: Monday 07:00 in Paris is 05:00 UTC once summer time has begun', () => {
    // Summer time (UTC+2) begins Sunday 29 March 2026 at 01:00 UTC, so Monday 30 March 07:00 CEST = 05:00 UTC.
    expect(weekly.nextRunAt).toBe('2026-03-30T05:00:00.000Z');
    expect(broken.nextRunAt).toBe('2026-03-29T09:00:00.000Z');
  });

  it('sends nothing before the time, and the report at its time, retrying a "try again later" with backoff', async () => {
    await store.pause(broken.id, 'kept out of this test');
    clock.set('2026-03-30T04:59:59Z');
    expect(await scheduler.poll()).toEqual([]);
    clock.set('2026-03-30T05:00:10Z');
    const [result, ...more] = await scheduler.poll();
    expect(more).toEqual([]);
    expect(result!.run).toMatchObject({ reportId: weekly.id, trigger: 'schedule', status: 'sent' });
    expect(result!.deliveries.map((d) => [d.recipient, d.status])).toEqual([['ann@example.org', 'sent'], ['bob@example.org', 'sent'], [BUSY, 'sent']]);
    expect(retry.waits).toEqual([2_000]); // BUSY was refused once with 451, then accepted
    expect(received.map((r) => r.to[0]).sort()).toEqual(['ann@example.org', 'bob@example.org', BUSY]);
    expect((await store.get(weekly.id))!.nextRunAt).toBe('2026-04-06T05:00:00.000Z');
    expect(await scheduler.poll()).toEqual([]);
  });

  it('runs a report once for several missed Mondays, and its next run is the next Monday from now', async () => {
    received = [];
    clock.set('2026-04-21T10:00:00Z'); // 6, 13 and 20 April were missed
    const results = await scheduler.poll();
    expect(results.map((r) => r.run.reportId)).toEqual([weekly.id]);
    expect(received).toHaveLength(3);
    expect((await store.get(weekly.id))!.nextRunAt).toBe('2026-04-27T05:00:00.000Z');
    expect(await scheduler.poll()).toEqual([]);
  });

  it('never runs the same scheduled instant twice, even when the next run was not recorded (a stop in between)', async () => {
    received = [];
    // As if the server had stopped after the run of 6 April but before recording the next run.
    await store.setNextRun(weekly.id, '2026-04-06T05:00:00.000Z');
    const restarted = newScheduler();
    expect(await restarted.poll()).toEqual([]);
    expect(received).toEqual([]);
    expect((await store.get(weekly.id))!.nextRunAt).toBe('2026-04-27T05:00:00.000Z');
    expect((await store.runs(weekly.id)).filter((r) => r.trigger === 'schedule')).toHaveLength(2);
  });

  it('does not retry a permanent refusal, tells the owner, and pauses the report after three failed runs in a row', async () => {
    await store.resume(broken.id);
    await store.setNextRun(broken.id, '2026-04-22T09:00:00.000Z');
    retry.waits.length = 0;
    for (const day of ['22', '23', '24']) {
      received = [];
      clock.set(`2026-04-${day}T09:00:05Z`);
      const [result] = await scheduler.poll();
      expect(result!.run.status).toBe('failed');
      expect(result!.deliveries).toEqual([expect.objectContaining({ recipient: GONE, status: 'failed', detail: expect.stringContaining('550') })]);
      // The notice: to the owner, naming the recipient and the server's reply.
      expect(received.map((r) => r.to)).toEqual([['owner@example.org']]);
      const notice = received[0]!.mail;
      expect(notice.subject).toBe("Report 'Bounced' was not delivered");
      expect(notice.text).toContain(`${GONE}: `);
      expect(notice.text).toContain('550');
      expect(result!.followUp.pausedAfter).toBe(day === '24' ? 3 : null);
    }
    expect(retry.waits).toEqual([]);
    expect(received[0]!.mail.text).toContain(`popsight reports resume ${broken.id}`);
    expect((await store.get(broken.id))!.paused).toMatchObject({ reason: '3 failed runs in a row' });
    received = [];
    clock.set('2026-04-25T09:00:05Z');
    expect(await scheduler.poll()).toEqual([]);
    expect(received).toEqual([]);
  });

  it('puts a signed one-click unsubscribe link in each message, with the List-Unsubscribe headers', async () => {
    received = [];
    clock.set('2026-04-27T05:00:01Z');
    await scheduler.poll();
    for (const { to, mail } of received) {
      const header = headerOf(mail, 'list-unsubscribe');
      expect(header).toMatch(/^<https:\/\/dash\.example\/api\/reports\/[^>]+\/unsubscribe\?recipient=[^&]+&signature=[\w-]+>$/);
      expect(new URL(header.slice(1, -1)).searchParams.get('recipient')).toBe(to[0]);
      expect(headerOf(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.text).toContain(`Sent to ${to[0]} as a recipient of this report. Unsubscribe: https://dash.example/api/reports/`);
    }
  });

  it('sends an after-load report once per data version, and not for a load older than the report', async () => {
    const received0 = received;
    received = [];
    const yearly = { cron: '0 0 1 1 *', timeZone: 'UTC', afterLoad: true };
    clock.set('2026-04-27T06:00:00Z'); // before the test warehouse's load
    const subscribed = await store.save(parseReportDefinition({ name: 'After each load', owner: 'owner@example.org', recipients: ['dan@example.org'], views: [VIEW], schedule: yearly }));
    clock.set('2099-01-01T00:00:00Z'); // after it
    const late = await store.save(parseReportDefinition({ name: 'Made after the load', owner: 'owner@example.org', recipients: ['eve@example.org'], views: [VIEW], schedule: yearly }));
    clock.set('2026-04-27T06:00:00Z');
    const results = await scheduler.poll();
    expect(results.map((r) => [r.run.reportId, r.run.trigger])).toEqual([[subscribed.id, 'load']]);
    expect(received.map((r) => r.to)).toEqual([['dan@example.org']]);
    expect(await scheduler.poll()).toEqual([]);
    expect(late.nextRunAt).toBe('2100-01-01T00:00:00.000Z');
    received = received0;
  });
});

describe('unsubscribing through a running server', () => {
  let links: Map<string, string>;
  let api: { url: string; close(): Promise<void> };
  let reportId: string;

  beforeAll(async () => {
    links = new Map(received.map(({ to, mail }) => [to[0]!, headerOf(mail, 'list-unsubscribe').slice(1, -1)]));
    reportId = new URL(links.get('ann@example.org')!).pathname.split('/')[3]!;
    api = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false });
  }, 60_000);

  it('records the requests in the audit trail without the signature (a credential)', async () => {
    await fetch(onServer(links.get('bob@example.org')!));
    await api.close();
    const state = await openStateStore(stateDir, { clock: () => new Date(), newId: randomUUID });
    try {
      const records = await state.audit.read();
      const record = records.find((r) => r.route === '/reports/{id}/unsubscribe');
      expect(record?.parameters).toMatchObject({ recipient: 'bob@example.org', signature: '[redacted]' });
      expect(JSON.stringify(records)).not.toContain(new URL(links.get('bob@example.org')!).searchParams.get('signature'));
    } finally {
      await state.close();
    }
    api = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false });
  });

  afterAll(async () => {
    await api?.close();
  });

  const onServer = (link: string) => {
    const url = new URL(link);
    return `${api.url}${url.pathname}${url.search}`;
  };

  it('shows a page with a button on GET and changes nothing', async () => {
    const response = await fetch(onServer(links.get('ann@example.org')!));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Stop sending &#39;Monday pack&#39; to ann@example.org?');
    expect(page).toMatch(/<form method="post" action="\/api\/reports\/[^"]+\/unsubscribe\?recipient=ann%40example\.org&amp;signature=[\w-]+">/);
  });

  it('refuses a link whose signature is not this recipient\'s, and a link for another report', async () => {
    const ann = new URL(onServer(links.get('ann@example.org')!));
    const forged = new URL(ann);
    forged.searchParams.set('recipient', 'bob@example.org');
    const forgedResponse = await fetch(forged, { method: 'POST' });
    expect(forgedResponse.status).toBe(400);
    expect(await forgedResponse.json()).toMatchObject({ error: { code: 'invalid_unsubscribe_link' } });
    const otherReport = new URL(ann.toString().replace(reportId, 'no-such-report'));
    expect((await fetch(otherReport, { method: 'POST' })).status).toBe(400);
  });

  it('unsubscribes the recipient on POST (the one-click form), once and idempotently', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await fetch(onServer(links.get('ann@example.org')!), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('ann@example.org will no longer receive &#39;Monday pack&#39;.');
    }
  });

  it('sends the next run to the other recipients only', async () => {
    await api.close();
    const clock = testClock('2026-05-01T00:00:00Z');
    const state = await openStateStore(stateDir, { clock: clock.now, newId: randomUUID });
    const store = await openReportStore(state, { clock: clock.now, newId: randomUUID });
    const db = await openDatabase(built.warehouse, { readOnly: true });
    const mailer = smtpMailer(smtpUrl);
    try {
      const report = (await store.get(reportId))!;
      expect(report.unsubscribed).toEqual(['ann@example.org']);
      received = [];
      const result = await runReport(db, report, { baseUrl: 'https://dash.example/' }, { store, mailer, from: 'popsight@example.org', recipientRows: everyRowToEveryone });
      expect(result.deliveries.map((d) => d.recipient)).toEqual(['bob@example.org', BUSY]);
      expect(received.map((r) => r.to[0]).sort()).toEqual(['bob@example.org', BUSY]);
    } finally {
      mailer.close();
      db.close();
      await store.close();
      await state.close();
    }
    api = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, reports: false });
  });
});

describe('a running server', () => {
  it('sends a report that is due on its own, from its scheduler', async () => {
    received = [];
    const dir = join(home, 'server-state');
    {
      const clock = testClock('2026-06-01T00:00:00Z');
      const state = await openStateStore(dir, { clock: clock.now, newId: randomUUID });
      const store = await openReportStore(state, { clock: clock.now, newId: randomUUID });
      await store.save(parseReportDefinition({ name: 'Daily', owner: 'owner@example.org', recipients: ['carol@example.org'], views: [VIEW], schedule: { cron: '0 6 * * *', timeZone: 'UTC' } }));
      await store.close();
      await state.close();
    }
    // The server's clock is past the report's first run (2026-06-01 06:00 UTC): its first poll sends it.
    const server = await startServer({
      warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: dir,
      reports: { clock: () => new Date('2026-06-01T06:00:30Z'), smtpUrl, pollMs: 60_000, baseUrl: 'https://dash.example/' },
    });
    try {
      await vi.waitFor(() => expect(received.map((r) => r.to)).toEqual([['carol@example.org']]), { timeout: 30_000, interval: 200 });
      expect(received[0]!.mail.subject).toMatch(/^Daily \(data as of /);
    } finally {
      await server.close();
    }
  }, 60_000);
});
