// Per-recipient row restriction of report e-mails (issue 19, deliverable 4), on a real server with
// sign-in and a real SMTP server in this process: each recipient's account decides the rows of their
// copy. A recipient limited to one county or one organization receives, in the CSV attachment, the
// HTML table and the alt text, exactly what the API answers a token under the same restriction, and
// none of another county's values; an unrestricted (admin) recipient gets what an admin token gets;
// a recipient with no account, or an account with no rule, is sent nothing and logged as skipped.
// A restricted analyst makes views within their rows only.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MeasureResult } from '../../core/api/api-types.ts';
import { buildCohortSql, shiftParameters } from '../../core/cohorts/build-cohort-sql.ts';
import { escapeHtml } from '../../core/reports/report-email.ts';
import { reportMessages } from '../../core/reports/report-messages.ts';
import type { ReportView } from '../../core/reports/report-view.ts';
import { altText, valuesTable } from '../../core/reports/view-summary.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import type { TestWarehouse } from '../helpers/test-server.ts';
import { buildReportWarehouse, mostHeldValues, startReportServer, type Json, type ReportServer } from '../helpers/report-server.ts';

const COUNTY = 'county@example.org';
const COUNTY_TWIN = 'county.twin@example.org';
const ORGANIZATION = 'org@example.org';
const BOSS = 'boss@example.org';
const NO_RULE = 'norule@example.org';
const STRANGER = 'stranger@example.org';

let built: TestWarehouse;
let report: ReportServer;
let tokens: Record<string, string>;
let county: string;
let otherCounty: string;
let organization: string;
let views: ReportView[];
let run: Json;
const mail = new Map<string, ParsedMail>();

const call = (path: string, token: string, init?: RequestInit) => report.call(path, token, init);
const apiView = (view: ReportView, token: string, accept: string) => report.apiView(view, token, accept);

const unescapeHtml = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** Each table of the message's HTML, as rows of cell texts (header row first). */
function htmlTables(html: string): string[][][] {
  return [...html.matchAll(/<table[^>]*>([\s\S]*?)<\/table>/g)].map((table) =>
    [...table[1]!.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => unescapeHtml(cell[1]!))),
  );
}

const csvsOf = (message: ParsedMail) => message.attachments.filter((a) => a.contentType === 'text/csv').map((a) => a.content.toString('utf8'));

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // the owner's notice goes to the log (a token owns the report)
  built = await buildReportWarehouse();
  [county, otherCounty] = (await mostHeldValues(built.warehouse, 'county', 2)) as [string, string];
  [organization] = (await mostHeldValues(built.warehouse, 'organization', 1)) as [string];
  const inCounty = { limits: { county: [county] } };
  const inOrganization = { limits: { organization: [organization] } };
  report = await startReportServer(built, {
    name: 'popsight-report-restrict',
    accounts: {
      [COUNTY]: { role: 'viewer', restriction: inCounty },
      [COUNTY_TWIN]: { role: 'viewer', restriction: inCounty },
      [ORGANIZATION]: { role: 'viewer', restriction: inOrganization },
      [BOSS]: { role: 'admin' },
      [NO_RULE]: { role: 'viewer' },
    },
    tokens: { admin: { role: 'admin' }, county: { role: 'analyst', restriction: inCounty }, organization: { role: 'analyst', restriction: inOrganization } },
  });
  tokens = report.tokens;

  views = [
    { measure: 'diabetes-prevalence', by: ['county'], period: 'year', from: null, to: null, filters: {}, adjust: null, cohort: null },
    { measure: 'diabetes-prevalence', by: ['sex'], period: 'year', from: null, to: null, filters: { county: otherCounty }, adjust: null, cohort: null },
  ];
  const created = await call('/reports', tokens.admin!, {
    method: 'POST',
    body: JSON.stringify({ name: 'Counties', recipients: [COUNTY, COUNTY_TWIN, ORGANIZATION, BOSS, NO_RULE, STRANGER], views }),
  });
  expect(created.status).toBe(201);
  let messages: Map<string, ParsedMail>;
  ({ run, messages } = await report.sendNow(((await created.json()) as Json).id, tokens.admin!));
  for (const [to, message] of messages) mail.set(to, message);
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await report?.close();
});

describe('report e-mails under each recipient\'s row restriction', () => {
  it('renders once per distinct restriction and sends nothing to a recipient who reads no rows', () => {
    // County (twice), organization, every row: three renderings of two views each.
    expect(run.renderMs).toHaveLength(3);
    expect(report.received.map((m) => m.to).sort()).toEqual([BOSS, COUNTY, COUNTY_TWIN, ORGANIZATION].sort());
    const byRecipient = Object.fromEntries((run.deliveries as Json[]).map((d) => [d.recipient, d]));
    for (const address of [BOSS, COUNTY, COUNTY_TWIN, ORGANIZATION]) expect(byRecipient[address].status).toBe('sent');
    expect(byRecipient[STRANGER]).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^not sent: no account has this address/) });
    expect(byRecipient[NO_RULE]).toMatchObject({ status: 'skipped', detail: expect.stringMatching(/^not sent: the account of this address may read no rows/) });
    expect(run.status).toBe('partly-sent');
  });

  it('sends a county\'s recipient the API\'s answer under that county, and none of another county\'s values', async () => {
    const message = mail.get(COUNTY)!;
    const html = message.html as string;
    // The view filtered to another county is left out: no chart, no table, no CSV.
    expect(message.attachments.filter((a) => a.contentType === 'image/png')).toHaveLength(1);
    const [csv, ...more] = csvsOf(message);
    expect(more).toEqual([]);
    expect(csv).toBe(await (await apiView(views[0]!, tokens.county!, 'text/csv')).text());
    expect(html).toContain('This view is filtered to a county outside the rows you may read');
    expect(html).not.toContain(otherCounty);
    expect(csv).not.toContain(otherCounty);
    const result = (await (await apiView(views[0]!, tokens.county!, 'application/json')).json()) as MeasureResult;
    expect(new Set(result.rows.map((r) => r.county))).toEqual(new Set([county]));
    const summary = { title: result.measure.title, rows: result.rows, period: 'year' as const, by: ['county'] as const, unit: result.measure.unit, unitLabel: result.measure.unitLabel };
    const [table] = htmlTables(html);
    const expected = valuesTable(summary);
    expect(table).toEqual([expected.headers, ...expected.rows]);
    expect(table!.slice(1).map((row) => row[1])).toEqual(expected.rows.map(() => county));
    const [alt] = [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
    expect(alt).toBe(altText(summary));
    // Another recipient under the same rule gets the same numbers.
    expect(csvsOf(mail.get(COUNTY_TWIN)!)).toEqual([csv]);
  });

  it('sends an organization\'s recipient the API\'s answers under that organization', async () => {
    const csvs = csvsOf(mail.get(ORGANIZATION)!);
    expect(csvs).toHaveLength(2);
    for (const [i, view] of views.entries()) expect(csvs[i]).toBe(await (await apiView(view, tokens.organization!, 'text/csv')).text());
    expect(csvs[0]).not.toBe(await (await apiView(views[0]!, tokens.admin!, 'text/csv')).text());
  });

  it('sends an unrestricted recipient every row, as an admin reads them', async () => {
    const csvs = csvsOf(mail.get(BOSS)!);
    expect(csvs).toHaveLength(2);
    for (const [i, view] of views.entries()) expect(csvs[i]).toBe(await (await apiView(view, tokens.admin!, 'text/csv')).text());
    expect(csvs[0]).toContain(otherCounty);
    expect(csvs[0]).toContain(county);
  });
});

describe('reports made by a restricted caller', () => {
  it('refuses a view filtered outside the caller\'s rows, naming the field', async () => {
    const refused = await call('/reports', tokens.county!, { method: 'POST', body: JSON.stringify({ name: 'x', recipients: [COUNTY], views: [{ measure: 'diabetes-prevalence', filters: { county: otherCounty } }] }) });
    expect(refused.status).toBe(403);
    const { error } = (await refused.json()) as Json;
    expect(error).toMatchObject({ code: 'outside_restriction', details: { field: 'views[0].filters.county', allowed: [county] } });
  });

  it('makes and sends a view within them', async () => {
    const created = await call('/reports', tokens.county!, { method: 'POST', body: JSON.stringify({ name: 'Mine', recipients: [COUNTY], views: [{ measure: 'diabetes-prevalence', by: 'sex', filters: { county } }] }) });
    expect(created.status).toBe(201);
    const { run: mine, messages } = await report.sendNow(((await created.json()) as Json).id, tokens.county!);
    expect(mine.status).toBe('sent');
    expect([...messages.keys()]).toEqual([COUNTY]);
  });

  it('keeps a restricted owner\'s changes within their rows, and another\'s report out of their reach', async () => {
    const own = (await (await call('/reports', tokens.county!)).json()) as Json;
    const id = (own.reports as Json[]).find((r) => r.name === 'Mine')!.id as string;
    const outside = await call(`/reports/${id}/views`, tokens.county!, { method: 'POST', body: JSON.stringify({ measure: 'diabetes-prevalence', filters: { county: otherCounty } }) });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as Json).error.details.field).toBe('views[1].filters.county');
    const renamed = await call(`/reports/${id}`, tokens.county!, { method: 'PATCH', body: JSON.stringify({ name: 'Mine, renamed' }) });
    expect(renamed.status).toBe(200);
    const theirs = (await (await call('/reports', tokens.admin!)).json()) as Json;
    const adminReport = (theirs.reports as Json[]).find((r) => r.name === 'Counties')!.id as string;
    for (const [path, method] of [[`/reports/${adminReport}`, 'PATCH'], [`/reports/${adminReport}/pause`, 'POST'], [`/reports/${adminReport}/views`, 'POST']] as const) {
      const response = await call(path, tokens.county!, { method, body: JSON.stringify(method === 'PATCH' ? { name: 'x' } : { measure: 'diabetes-prevalence' }) });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
  });
});

describe('a view with a cohort, a year window and two stratifiers', () => {
  /** Age 40 or more on a date: a saved cohort's criteria. */
  const fortyPlus = (at: string) => ({ age: { min: 40, at } });
  let cohortId: string;
  let cohortView: ReportView;
  let covered: { from: number; to: number };
  let atDate: string;
  const cohortMail = new Map<string, ParsedMail>();
  let cohortRun: Json;

  beforeAll(async () => {
    const meta = (await (await call('/meta', tokens.admin!)).json()) as Json;
    covered = { from: Number(String(meta.dateRange.start).slice(0, 4)), to: Number(String(meta.dateRange.end).slice(0, 4)) };
    atDate = String(meta.dateRange.end).slice(0, 10);
    const saved = await call('/cohorts', tokens.admin!, { method: 'POST', body: JSON.stringify({ name: 'Forty and over', criteria: fortyPlus(atDate) }) });
    expect(saved.status).toBe(201);
    cohortId = ((await saved.json()) as Json).id as string;
    cohortView = { measure: 'diabetes-prevalence', by: ['sex', 'ethnicity'], period: 'year', from: covered.to - 2, to: covered.to, filters: {}, adjust: null, cohort: cohortId };
    const created = await call('/reports', tokens.admin!, { method: 'POST', body: JSON.stringify({ name: 'Forty plus', recipients: [COUNTY, BOSS], views: [cohortView] }) });
    expect(created.status).toBe(201);
    expect(((await created.json()) as Json).views).toEqual([cohortView]);
    const id = ((await (await call('/reports', tokens.admin!)).json()) as Json).reports.find((r: Json) => r.name === 'Forty plus').id as string;
    let messages: Map<string, ParsedMail>;
    ({ run: cohortRun, messages } = await report.sendNow(id, tokens.admin!));
    for (const [to, message] of messages) cohortMail.set(to, message);
  }, 600_000);

  it('sends each recipient the API\'s CSV for the same cohort, window and stratifiers under their own rows', async () => {
    expect(cohortRun.status).toBe('sent');
    const [countyCsv, ...more] = csvsOf(cohortMail.get(COUNTY)!);
    expect(more).toEqual([]);
    expect(countyCsv).toBe(await (await apiView(cohortView, tokens.county!, 'text/csv')).text());
    const [bossCsv] = csvsOf(cohortMail.get(BOSS)!);
    expect(bossCsv).toBe(await (await apiView(cohortView, tokens.admin!, 'text/csv')).text());
    // The county's copy is narrower than every row's: its denominators add up to fewer people.
    // RFC 4180 fields: quoted ones may hold commas ("sex,ethnicity").
    const fields = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1]!.replace(/^"|"$/g, '').replaceAll('""', '"'));
    const column = (csv: string, name: string) => {
      const [header, ...lines] = csv.trim().split('\r\n').map(fields);
      return lines.map((cells) => cells[header!.indexOf(name)]!);
    };
    const total = (csv: string) => column(csv, 'denominator').reduce((sum, value) => sum + Number(value || 0), 0);
    expect(total(countyCsv!)).toBeLessThan(total(bossCsv!));
    // The window's years only, every one of them; the cohort and the stratifiers are said in each row.
    expect([...new Set(column(countyCsv!, 'period'))].sort()).toEqual([covered.to - 2, covered.to - 1, covered.to].map(String));
    expect(new Set(column(countyCsv!, 'cohort'))).toEqual(new Set([cohortId]));
    expect(new Set(column(countyCsv!, 'stratifiers'))).toEqual(new Set(['sex,ethnicity']));
    // Disclosure control: no published count of 1–10 people.
    for (const name of ['numerator', 'denominator']) {
      for (const value of [...column(countyCsv!, name), ...column(bossCsv!, name)]) expect(value === '' || Number(value) === 0 || Number(value) > 10, `${name} ${value}`).toBe(true);
    }
  });

  it('states the API\'s rows in the table and the alt text, one line per pair of strata', async () => {
    const html = cohortMail.get(COUNTY)!.html as string;
    const result = (await (await apiView(cohortView, tokens.county!, 'application/json')).json()) as MeasureResult;
    const summary = { title: result.measure.title, rows: result.rows, period: 'year' as const, by: ['sex', 'ethnicity'] as const, unit: result.measure.unit, unitLabel: result.measure.unitLabel };
    const expected = valuesTable(summary);
    expect(expected.headers).toEqual(['Period', 'Sex', 'Ethnicity', 'Estimate', '95% CI', 'Numerator', 'Denominator']);
    const [table] = htmlTables(html);
    expect(table).toEqual([expected.headers, ...expected.rows]);
    const [alt] = [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => unescapeHtml(m[1]!));
    expect(alt).toBe(altText(summary));
    expect(alt).toContain(`${covered.to - 2} to ${covered.to}`);
    expect(html).toContain(`cohort=${cohortId}`);
    expect(html).toContain(`from=${covered.to - 2}&amp;to=${covered.to}`);
  });

  it('refuses an unknown cohort and years the data does not cover when the view is added, naming the field', async () => {
    const post = (view: Json) => call('/reports', tokens.admin!, { method: 'POST', body: JSON.stringify({ name: 'x', recipients: [BOSS], views: [{ measure: 'diabetes-prevalence' }, view] }) });
    const unknown = await post({ measure: 'diabetes-prevalence', cohort: 'no-such-cohort' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Json).error.details.field).toBe('views[1].cohort');
    const early = await post({ measure: 'diabetes-prevalence', from: covered.from - 1 });
    expect(early.status).toBe(400);
    expect(((await early.json()) as Json).error).toMatchObject({ details: { field: 'views[1].from' }, message: expect.stringContaining(`(${covered.from}–${covered.to})`) });
  });

  it('leaves the view out of a recipient\'s copy when its cohort differs from one they received by 1 to 10 people', async () => {
    // A second cohort, some days earlier: the people who turned 40 in between tell the two apart.
    // Their number is counted here, exactly, with the cohort's own SQL, to pick a date 1–10 people
    // away over every row and none away within the county (so the county's reader may have both).
    const db = await openDatabase(built.warehouse, { readOnly: true });
    let near: string | undefined;
    try {
      const difference = async (at: string, restriction?: { county: string[] }) => {
        const a = buildCohortSql({ criteria: fortyPlus(atDate), restriction });
        const b = buildCohortSql({ criteria: fortyPlus(at), restriction });
        const [row] = await db.query<{ n: number }>(
          `WITH a AS (${a.sql}), b AS (${shiftParameters(b.sql, a.values.length)})
           SELECT ((SELECT count(*) FROM (SELECT person_id FROM a EXCEPT SELECT person_id FROM b)) + (SELECT count(*) FROM (SELECT person_id FROM b EXCEPT SELECT person_id FROM a)))::BIGINT AS n`,
          [...a.values, ...b.values],
        );
        return Number(row!.n);
      };
      for (let days = 3; days <= 720 && near === undefined; days += 3) {
        const at = new Date(Date.parse(atDate) - days * 86_400_000).toISOString().slice(0, 10);
        const all = await difference(at);
        if (all > 10) break;
        if (all >= 1 && (await difference(at, { county: [county] })) === 0) near = at;
      }
    } finally {
      db.close();
    }
    expect(near, 'a date when 1–10 fewer people were 40 or over, none of them in the county').toBeDefined();
    // Saved by the county's analyst (for the admin token, which used the first over every row, saving it is refused too).
    const refusedSave = await call('/cohorts', tokens.admin!, { method: 'POST', body: JSON.stringify({ name: 'Forty and over, earlier', criteria: fortyPlus(near!) }) });
    expect(refusedSave.status).toBe(409);
    const saved = await call('/cohorts', tokens.county!, { method: 'POST', body: JSON.stringify({ name: 'Forty and over, earlier', criteria: fortyPlus(near!) }) });
    expect(saved.status, await saved.clone().text()).toBe(201);
    const nearView = { ...cohortView, cohort: ((await saved.json()) as Json).id as string };
    // The admin token used the first cohort over every row: adding the near one is refused for it.
    const refused = await call('/reports', tokens.admin!, { method: 'POST', body: JSON.stringify({ name: 'Near', recipients: [BOSS], views: [nearView] }) });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).error.code).toBe('cohort_too_close');
    // The county's analyst may (within the county the two cohorts are one), and sends it to the boss and the county's reader.
    const created = await call('/reports', tokens.county!, { method: 'POST', body: JSON.stringify({ name: 'Near', recipients: [BOSS, COUNTY], views: [{ measure: 'diabetes-prevalence' }, nearView] }) });
    expect(created.status, await created.clone().text()).toBe(201);
    const { messages: copies } = await report.sendNow(((await created.json()) as Json).id, tokens.county!);
    // The boss received the first cohort over every row: the near one is left out of his copy, its numbers nowhere in it.
    expect(csvsOf(copies.get(BOSS)!)).toHaveLength(1);
    expect(copies.get(BOSS)!.html).toContain(escapeHtml(reportMessages.viewCohortRefused()));
    // The county's reader received the first within the county, where the two are the same people: both views.
    expect(csvsOf(copies.get(COUNTY)!)).toHaveLength(2);
    expect(csvsOf(copies.get(COUNTY)!)[1]).toBe(await (await apiView(nearView, tokens.county!, 'text/csv')).text());
  });
});
