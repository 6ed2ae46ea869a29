// The optional PDF of a whole report (a report's `pdf: true`), end to end: a real server with sign-in,
// a real SMTP server in this process, the MIME parsed back (mailparser) and the PDF read back by
// pdf-lib, its text through each font's ToUnicode map. Each recipient's PDF holds one page or more per
// view, the view titles, the values the API answers for the same view under the recipient's own rows,
// and the chart drawn from the very PNG the e-mail embeds; an organization's recipient's PDF holds no
// other organization's rows; a report without `pdf` sends no PDF; the setting is changed through PATCH.
import type { ParsedMail } from 'mailparser';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeasureResult, MeasureRow } from '../../core/api/api-types.ts';
import type { ReportView } from '../../core/reports/report-view.ts';
import { valuesTable } from '../../core/reports/view-summary.ts';
import { pdfTexts, type DrawnText } from '../helpers/pdf-text.ts';
import { buildReportWarehouse, mostHeldValues, startReportServer, type Json, type ReportServer } from '../helpers/report-server.ts';

/** The titles of the report's two views (the catalog's measure titles). */
const TITLES = ['Flu vaccination coverage', 'ED visits per 1,000'];
const ORGANIZATION = 'org@example.org';
const BOSS = 'boss@example.org';

let report: ReportServer;
let tokens: Record<string, string>;
let organization: string;
let otherOrganization: string;
let views: ReportView[];
const mail = new Map<string, ParsedMail>();
const plainMail = new Map<string, ParsedMail>();
let plainReportId: string;

const call = (path: string, token: string, init?: RequestInit) => report.call(path, token, init);

/** The API's JSON answer for a report view, as the token's holder reads it. */
async function apiRows(view: ReportView, token: string): Promise<MeasureResult> {
  return (await (await report.apiView(view, token, 'application/json')).json()) as MeasureResult;
}

/** Creates a report as the admin and sends it now; the messages it sent, by recipient. */
async function createAndSend(definition: Json): Promise<{ id: string; messages: Map<string, ParsedMail> }> {
  const created = await call('/reports', tokens.admin!, { method: 'POST', body: JSON.stringify(definition) });
  expect(created.status, await created.clone().text()).toBe(201);
  const id = ((await created.json()) as Json).id as string;
  const { run, messages } = await report.sendNow(id, tokens.admin!);
  expect(run.status).toBe('sent');
  return { id, messages };
}

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const built = await buildReportWarehouse();
  [organization, otherOrganization] = (await mostHeldValues(built.warehouse, 'organization', 2)) as [string, string];
  report = await startReportServer(built, {
    name: 'popsight-report-pdf',
    accounts: { [ORGANIZATION]: { role: 'viewer', restriction: { limits: { organization: [organization] } } }, [BOSS]: { role: 'admin' } },
    tokens: { admin: { role: 'admin' }, organization: { role: 'analyst', restriction: { limits: { organization: [organization] } } } },
  });
  tokens = report.tokens;

  views = [
    // A measure most people count in: an organization's cells are large enough to publish.
    { measure: 'flu-vaccination', by: ['organization'], period: 'year', from: null, to: null, filters: {}, adjust: null, cohort: null },
    { measure: 'ed-visits-per-1000', by: ['sex'], period: 'year', from: null, to: null, filters: { organization: otherOrganization }, adjust: null, cohort: null },
  ];
  const withPdf = await createAndSend({ name: 'Organizations pack', recipients: [ORGANIZATION, BOSS], views, pdf: true });
  for (const [to, message] of withPdf.messages) mail.set(to, message);
  const plain = await createAndSend({ name: 'No PDF', recipients: [ORGANIZATION, BOSS], views: [views[0]] });
  plainReportId = plain.id;
  for (const [to, message] of plain.messages) plainMail.set(to, message);
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await report?.close();
});

const pdfsOf = (message: ParsedMail) => message.attachments.filter((a) => a.contentType === 'application/pdf');

/** The strings each view draws: from its title to the next view's title (the page footers left out). */
function viewTexts(texts: readonly DrawnText[], titles: readonly string[]): DrawnText[][] {
  const body = texts.filter((t) => !/ · page \d+ of \d+$/.test(t.text));
  const starts = titles.map((title) => body.findIndex((t) => t.text === title));
  expect(starts.every((s) => s >= 0), 'every view title is drawn').toBe(true);
  return starts.map((start, i) => body.slice(start, starts[i + 1] ?? body.length));
}

/** The table lines of a view's texts: the cells after the header, up to the link (empty cells are not drawn). */
function tableCells(texts: readonly DrawnText[]): string[] {
  const strings = texts.map((t) => t.text);
  const start = strings.indexOf('Denominator');
  if (start < 0) return [];
  const end = strings.findIndex((s) => s.startsWith('Open the live view') || s.startsWith('The last '));
  return strings.slice(start + 1, end).filter((s) => s !== 'Period' && !['Organization', 'Sex', 'Estimate', '95% CI', 'Numerator', 'Denominator'].includes(s));
}

const nonEmptyCells = (rows: readonly string[][]) => rows.flatMap((row) => row.filter((cell) => cell !== ''));
const sorted = (values: readonly string[]) => [...values].sort();
/** `12,345`: a count as a reader writes it, formatted here without the code's own formatter. */
const thousands = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The latest 12 periods' rows that publish a count. */
function publishedRows(result: MeasureResult): MeasureRow[] {
  const periods = [...new Set(result.rows.map((r) => r.period))].sort().slice(-12);
  return result.rows.filter((r) => periods.includes(r.period) && !r.suppressed && r.numerator !== null);
}

describe('a report with pdf: true', () => {
  it('attaches one PDF to each message, that pdf-lib loads, one page or more per view', async () => {
    for (const recipient of [ORGANIZATION, BOSS]) {
      const message = mail.get(recipient)!;
      const pdfs = pdfsOf(message);
      expect(pdfs.map((a) => a.filename)).toEqual(['organizations-pack.pdf']);
      expect(pdfs[0]!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(pdfs[0]!.content);
      expect(doc.getTitle()).toBe('Organizations pack');
      const texts = await pdfTexts(pdfs[0]!.content);
      const [first, second] = viewTexts(texts, TITLES);
      // The second view starts on a page after the first view's last.
      expect(second![0]!.page).toBeGreaterThan(first!.at(-1)!.page);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
      const all = texts.map((t) => t.text).join('\n');
      expect(all).toContain(`Data as of ${message.subject!.match(/data as of (.+)\)$/)![1]}`);
      expect(all).toContain('Open the live view: https://dash.example/explore?measure=flu-vaccination&by=organization&period=year');
      // The measure's definition as the API states it (wrapped lines joined again by a space).
      expect(texts.map((t) => t.text).join(' ')).toContain((await apiRows(views[0]!, tokens.admin!)).measure.description);
    }
  });

  it('holds in an organization\'s recipient\'s PDF the API\'s values under that organization, and no other organization\'s', async () => {
    const texts = await pdfTexts(pdfsOf(mail.get(ORGANIZATION)!)[0]!.content);
    const [byOrganization, filtered] = viewTexts(texts, TITLES);
    const result = await apiRows(views[0]!, tokens.organization!);
    expect(new Set(result.rows.map((r) => r.organization))).toEqual(new Set([organization]));
    const expected = valuesTable({ title: result.measure.title, rows: result.rows, period: 'year', by: ['organization'], unit: result.measure.unit, unitLabel: result.measure.unitLabel });
    // Every cell of the table, and none more: no other organization's row.
    expect(sorted(tableCells(byOrganization!))).toEqual(sorted(nonEmptyCells(expected.rows)));
    const cells = tableCells(byOrganization!);
    expect(publishedRows(result).length).toBeGreaterThan(0);
    for (const row of publishedRows(result)) {
      expect(cells).toContain(thousands(row.numerator!));
      expect(cells).toContain(thousands(row.denominator!));
    }
    // The view filtered to another organization is left out, and that organization is named nowhere.
    expect(filtered!.map((t) => t.text).join(' ')).toContain('outside the rows you may read');
    expect(tableCells(filtered!)).toEqual([]);
    const all = texts.map((t) => t.text).join('\n');
    expect(all).not.toContain(otherOrganization);
    expect(all).toContain(`organization ${organization}`); // the rows this copy holds
    const everyOrganization = new Set((await apiRows(views[0]!, tokens.admin!)).rows.map((r) => String(r.organization)));
    for (const other of [...everyOrganization].filter((o) => o !== organization)) expect(all, other).not.toContain(other);
  });

  it('holds in an unrestricted recipient\'s PDF every organization\'s values, as an admin reads them', async () => {
    const texts = await pdfTexts(pdfsOf(mail.get(BOSS)!)[0]!.content);
    const [byOrganization, filtered] = viewTexts(texts, TITLES);
    for (const [i, viewText] of [byOrganization!, filtered!].entries()) {
      const result = await apiRows(views[i]!, tokens.admin!);
      const expected = valuesTable({ title: result.measure.title, rows: result.rows, period: 'year', by: views[i]!.by as ['organization'], unit: result.measure.unit, unitLabel: result.measure.unitLabel });
      expect(sorted(tableCells(viewText))).toEqual(sorted(nonEmptyCells(expected.rows)));
      for (const row of publishedRows(result)) expect(tableCells(viewText)).toContain(thousands(row.numerator!));
    }
    expect(tableCells(byOrganization!)).toContain(otherOrganization);
    expect(texts.map((t) => t.text).join('\n')).toContain('This copy holds every row of the data.');
  });

  it('draws each chart from the PNG the e-mail embeds', async () => {
    for (const recipient of [ORGANIZATION, BOSS]) {
      const message = mail.get(recipient)!;
      const pngs = message.attachments.filter((a) => a.contentType === 'image/png').map((a) => a.content);
      // pdf-lib writes an embedded PNG as its pixels (and an alpha mask, when it has one): the e-mail's
      // PNGs embedded alone give the very image streams the report's PDF holds.
      const imageStreams = (doc: PDFDocument) =>
        doc.context.enumerateIndirectObjects().map(([, object]) => object)
          .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
          .map((stream) => Buffer.from(stream.contents).toString('base64'));
      const fromReport = imageStreams(await PDFDocument.load(pdfsOf(message)[0]!.content));
      const alone = await PDFDocument.create();
      for (const png of pngs) await alone.embedPng(png);
      const fromEmail = imageStreams(await PDFDocument.load(await alone.save()));
      expect(fromEmail.length).toBeGreaterThanOrEqual(pngs.length);
      expect(sorted(fromReport)).toEqual(sorted(fromEmail));
    }
    // The organization's copy has one chart (the other view is left out), the admin's two.
    expect(mail.get(ORGANIZATION)!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(1);
    expect(mail.get(BOSS)!.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(2);
  });
});

describe('a report without pdf', () => {
  it('sends no PDF, and takes the setting through PATCH', async () => {
    for (const recipient of [ORGANIZATION, BOSS]) {
      const message = plainMail.get(recipient)!;
      expect(pdfsOf(message)).toEqual([]);
      expect(message.attachments.filter((a) => a.contentType === 'text/csv')).toHaveLength(1);
    }
    const before = (await (await call(`/reports/${plainReportId}`, tokens.admin!)).json()) as Json;
    expect(before.pdf).toBe(false);
    const changed = await call(`/reports/${plainReportId}`, tokens.admin!, { method: 'PATCH', body: JSON.stringify({ pdf: true }) });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as Json).pdf).toBe(true);
    const refused = await call(`/reports/${plainReportId}`, tokens.admin!, { method: 'PATCH', body: JSON.stringify({ pdf: 'yes' }) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).error.details.field).toBe('pdf');
  });
});
