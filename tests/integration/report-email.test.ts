// Report e-mails end to end: a two-view report run to two recipients through a real SMTP server in
// this process (smtp-server on loopback), the MIME parsed back (mailparser): the inline PNGs decode,
// the alt text and the CSV attachments equal what the API answers for the same views, no published
// count is 1–10, the delivery log says sent (or failed, with the SMTP reply), and without an SMTP
// server the message is an .eml file in <POPSIGHT_HOME>/outbox/.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addReportCommand, runReportCommand } from '../../cli/report-commands.ts';
import { startServer } from '../../cli/start-server.ts';
import type { MeasureResult } from '../../core/api/api-types.ts';
import type { SavedReport } from '../../core/reports/report-definition.ts';
import { measureApiParameters } from '../../core/reports/report-view.ts';
import { altText } from '../../core/reports/view-summary.ts';
import { openReportStore } from '../../server/state/report-store.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

const VIEWS = ['?measure=diabetes-prevalence&by=sex&period=year', '{"measure":"ed-visits-per-1000","period":"quarter","filters":{"sex":"F"}}'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const REFUSED = 'bounce@example.org';

interface Received {
  to: string[];
  raw: Buffer;
}

let built: TestWarehouse;
let smtp: SMTPServer;
let smtpUrl: string;
const received: Received[] = [];
const home = mkdtempSync(join(tmpdir(), 'popsight-report-home-'));
const state = join(home, 'state');
let report: SavedReport;
let mail: ParsedMail[];
let api: { url: string; close(): Promise<void> } | undefined;

function startSmtp(): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback(null, 'Queued as test');
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const env = (extra: Record<string, string> = {}) => ({ ...process.env, POPSIGHT_HOME: home, POPSIGHT_SMTP_URL: '', ...extra });

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  built = await buildTestWarehouse({ people: 1_000 });
  smtp = await startSmtp();
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  report = await addReportCommand({ state, name: 'Monday pack', to: ['ann@example.org', 'bob@example.org'], view: VIEWS, owner: 'ann' });
  const result = await runReportCommand(report.id, { state, warehouse: built.warehouse, baseUrl: 'https://dash.example' }, env({ POPSIGHT_SMTP_URL: smtpUrl }));
  expect(result.run.status).toBe('sent');
  mail = await Promise.all(received.map((m) => simpleParser(m.raw, { skipImageLinks: true })));
  // The API on the same warehouse, started once the report has let go of it.
  api = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: join(home, 'server-state') });
}, 240_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  built?.remove();
});

async function apiMeasure(viewIndex: number, accept: string): Promise<Response> {
  const view = report.views[viewIndex]!;
  const response = await fetch(`${api!.url}/api/measures/${view.measure}?${new URLSearchParams(measureApiParameters(view))}`, { headers: { accept } });
  expect(response.status).toBe(200);
  return response;
}

const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

describe('report e-mail over SMTP', () => {
  it('sends one message to each recipient, each with two inline PNG charts and two CSV attachments', () => {
    expect(received.map((m) => m.to)).toEqual([['ann@example.org'], ['bob@example.org']]);
    for (const message of mail) {
      expect(message.subject).toMatch(/^Monday pack \(data as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/);
      const images = message.attachments.filter((a) => a.contentType === 'image/png');
      expect(images.map((a) => [a.cid, a.contentDisposition])).toEqual([['view-1@popsight', 'inline'], ['view-2@popsight', 'inline']]);
      for (const image of images) {
        expect([...image.content.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
        expect(image.content.readUInt32BE(16)).toBeGreaterThan(0); // IHDR width
        expect(image.content.readUInt32BE(20)).toBeGreaterThan(0); // IHDR height
        expect(message.html).toContain(`src="cid:${image.cid}"`);
      }
      expect(message.attachments.filter((a) => a.contentType === 'text/csv').map((a) => a.filename)).toEqual([
        'diabetes-prevalence-year-by-sex.csv',
        'ed-visits-per-1000-quarter.csv',
      ]);
      expect(message.html).toContain('href="https://dash.example/explore?measure=diabetes-prevalence&amp;by=sex&amp;period=year"');
      expect(message.html).toContain('Share of people'); // the measure's definition
    }
  });

  it('attaches for each view the CSV the API serves for the same view, byte for byte', async () => {
    const csvs = mail[0]!.attachments.filter((a) => a.contentType === 'text/csv');
    for (const [i, csv] of csvs.entries()) {
      const fromApi = Buffer.from(await (await apiMeasure(i, 'text/csv')).arrayBuffer());
      expect(csv.content.toString('utf8')).toBe(fromApi.toString('utf8'));
    }
  });

  it('states in each chart\'s alt text the numbers the API gives for the latest period', async () => {
    const alts = [...mail[0]!.html!.toString().matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
    expect(alts).toHaveLength(2);
    for (const [i, alt] of alts.entries()) {
      const result = (await (await apiMeasure(i, 'application/json')).json()) as MeasureResult;
      const view = report.views[i]!;
      expect(alt).toBe(altText({ title: result.measure.title, rows: result.rows, period: view.period, by: view.by, unit: result.measure.unit, unitLabel: result.measure.unitLabel }));
      const latest = result.rows.map((r) => r.period).sort().at(-1)!;
      expect(alt).toContain(`Latest period ${latest}:`);
    }
    expect(alts[0]).toMatch(/Female [\d.]+% \(95% CI [\d.]+–[\d.]+\)/);
  });

  it('publishes no count of 1 to 10 in any CSV', () => {
    for (const csv of mail[0]!.attachments.filter((a) => a.contentType === 'text/csv')) {
      const [header, ...lines] = csv.content.toString('utf8').trim().split('\r\n');
      const columns = header!.split(',');
      const counts = lines.flatMap((line) => {
        const fields = line.split(',');
        return ['numerator', 'denominator'].map((name) => fields[columns.indexOf(name)]!).filter((v) => v !== '' && Number.isInteger(Number(v))).map(Number);
      });
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.filter((n) => n >= 1 && n <= 10)).toEqual([]);
    }
  });

  it('logs the run and each recipient\'s delivery with the SMTP reply', async () => {
    const store = await openStateStore(state, { clock: () => new Date(), newId: () => 'unused' });
    const reports = await openReportStore(store, { clock: () => new Date(), newId: () => 'unused' });
    try {
      const [run] = await reports.runs(report.id);
      expect(run).toMatchObject({ reportId: report.id, trigger: 'manual', status: 'sent', transport: smtpUrl, error: null });
      const deliveries = await reports.deliveries(run!.id);
      expect(deliveries.map((d) => [d.recipient, d.status])).toEqual([['ann@example.org', 'sent'], ['bob@example.org', 'sent']]);
      for (const delivery of deliveries) expect(delivery.detail).toMatch(/^250 .*Queued as test/);
    } finally {
      await reports.close();
      await store.close();
    }
  });

  it('records a refused recipient as failed with the server\'s reply, and the others as sent', async () => {
    const mixed = await addReportCommand({ state, name: 'Mixed', to: ['ann@example.org', REFUSED], view: [VIEWS[0]!], owner: 'ann' });
    await api?.close(); // the warehouse again to the report alone
    api = undefined;
    const result = await runReportCommand(mixed.id, { state, warehouse: built.warehouse }, env({ POPSIGHT_SMTP_URL: smtpUrl }));
    process.exitCode = undefined;
    expect(result.run.status).toBe('partly-sent');
    expect(result.deliveries.map((d) => [d.recipient, d.status])).toEqual([['ann@example.org', 'sent'], [REFUSED, 'failed']]);
    expect(result.deliveries[1]!.detail).toMatch(/^550 5\.1\.1 Mailbox unavailable/);
  }, 60_000);

  it('refuses, without a server, a view over a cohort the state store does not hold, naming views[i].cohort', async () => {
    const view = (cohort: string) => JSON.stringify({ measure: 'diabetes-prevalence', cohort });
    await expect(addReportCommand({ state, name: 'Unknown cohort', to: ['ann@example.org'], view: [VIEWS[0]!, view('no-such-cohort')], owner: 'ann' }))
      .rejects.toThrow("Report views[1].cohort: no saved cohort 'no-such-cohort' (GET /api/cohorts lists them)");
    const store = await openStateStore(state, { clock: () => new Date(), newId: () => 'cohort-kept' });
    let saved: string;
    try {
      saved = (await store.cohorts.save({ name: 'Women', criteria: { sex: 'F' } })).id;
      const reports = await openReportStore(store, { clock: () => new Date(), newId: () => 'unused' });
      try {
        expect((await reports.list()).map((r) => r.name)).not.toContain('Unknown cohort');
      } finally {
        await reports.close();
      }
    } finally {
      await store.close();
    }
    const added = await addReportCommand({ state, name: 'Saved cohort', to: ['ann@example.org'], view: [view(saved)], owner: 'ann', pdf: true });
    expect(added.views[0]!.cohort).toBe(saved);
    expect(added.pdf).toBe(true);
    // Sent without a server: the message carries the PDF, and the command says how long it took.
    const before = received.length;
    const log = vi.mocked(console.log);
    log.mockClear();
    const result = await runReportCommand(added.id, { state, warehouse: built.warehouse }, env({ POPSIGHT_SMTP_URL: smtpUrl }));
    expect(result.run.status).toBe('sent');
    const [message] = await Promise.all(received.slice(before).map((m) => simpleParser(m.raw, { skipImageLinks: true })));
    expect(message!.attachments.filter((a) => a.contentType === 'application/pdf').map((a) => a.filename)).toEqual(['saved-cohort.pdf']);
    expect(log.mock.calls.map(([line]) => String(line)).some((line) => /^ {2}PDF of the whole report: made in \d+ ms$/.test(line))).toBe(true);
  }, 60_000);

  it('writes the message as an .eml file to <POPSIGHT_HOME>/outbox/ when no SMTP server is set', async () => {
    const result = await runReportCommand(report.id, { state, warehouse: built.warehouse }, env());
    expect(result.run).toMatchObject({ status: 'sent', transport: join(home, 'outbox') });
    const files = readdirSync(join(home, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(2);
    expect(result.deliveries.map((d) => d.detail).sort()).toEqual(files.map((f) => join(home, 'outbox', f)).sort());
    const parsed = await simpleParser(readFileSync(join(home, 'outbox', files[0]!)));
    expect(parsed.subject).toBe(mail[0]!.subject);
    expect(parsed.attachments.map((a) => a.contentType)).toEqual(['image/png', 'image/png', 'text/csv', 'text/csv']);
    expect([...parsed.attachments[0]!.content.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  }, 60_000);
});
