// Row-level restriction, default deny (issue 15, deliverable 3), on real servers with sign-in over one
// generated warehouse: API tokens limited to a county, an organization, a payer or two counties read
// only their rows, in JSON, CSV, Arrow and from the response cache. Their answers are compared with
// an unrestricted admin's query filtered by hand to the same rows and with counts computed here by SQL
// on the warehouse file; with perturbed counts a restricted answer equals the filtered one exactly (a
// cell's noise follows from its people). A token below admin without a rule reads nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import type { AccountRole } from '../../core/accounts/roles.ts';
import type { RowRule } from '../../core/accounts/row-restriction.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { splitCsvLine } from '../helpers/csv-line.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Json = Record<string, any>;
type Row = Record<string, string | number | boolean | null>;

const ARROW = 'application/vnd.apache.arrow.stream';
// Hypertension: common enough (about 30% of adults in the calibrated demo) that even the smallest
// restriction here, one organization, shows cells of 11 or more people of each sex.
const MEASURE = 'hypertension-prevalence';

describe('row-level restriction', () => {
  const root = mkdtempSync(join(tmpdir(), 'popsight-restrict-'));
  const stateDir = join(root, 'state');
  let built: TestWarehouse;
  let db: Database;
  let exact: RunningServer;
  let perturbed: RunningServer;
  const tokens: Record<string, string> = {};
  const tokenIds: Record<string, string> = {};
  let county: string;
  let otherCounty: string;
  let organization: string;
  let payer: string;

  const call = async (server: RunningServer, path: string, token?: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const headers = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers };
    return fetch(`${server.url}${path}`, { ...init, headers });
  };
  const json = async (server: RunningServer, path: string, token?: string) => {
    const response = await call(server, path, token);
    return { status: response.status, body: (await response.json()) as Json, etag: response.headers.get('etag') };
  };

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 2_000, seed: 5 });
    db = await openDatabase(built.warehouse, { readOnly: true });
    // The two most populous counties, organization and payer category, found here by SQL.
    const top = async (column: string, n: number) =>
      (await db.query<{ value: string }>(`SELECT ${column} AS value FROM mart.person_year GROUP BY 1 ORDER BY count(DISTINCT person_id) DESC, 1 LIMIT ${n}`)).map((r) => r.value);
    [county, otherCounty] = (await top('county', 2)) as [string, string];
    [organization] = (await top('organization', 1)) as [string];
    [payer] = (await top('payer', 1)) as [string];

    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    const make = async (name: string, role: AccountRole, restriction?: RowRule) => {
      const created = await apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes }).create({ role, label: name, restriction });
      tokens[name] = created.token;
      tokenIds[name] = created.record.id;
    };
    await make('admin', 'admin');
    await make('noRule', 'viewer');
    await make('analystNoRule', 'analyst');
    await make('all', 'viewer', { all: true });
    await make('county', 'analyst', { limits: { county: [county] } });
    await make('otherCounty', 'analyst', { limits: { county: [otherCounty] } });
    await make('twoCounties', 'viewer', { limits: { county: [county, otherCounty] } });
    await make('organization', 'analyst', { limits: { organization: [organization] } });
    await make('payer', 'viewer', { limits: { payer: [payer] } });
    await make('countyPayer', 'viewer', { limits: { county: [county], payer: [payer] } });
    await make('adminCounty', 'admin', { limits: { county: [county] } });
    await store.close();
    exact = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true, exactCounts: true });
    perturbed = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true });
  }, 240_000);
  afterAll(async () => {
    db?.close();
    await exact?.close();
    await perturbed?.close();
    built?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  /** Diabetes prevalence numerator and denominator per year (or all years) and sex over the rows `where` keeps: counted here. */
  async function byHand(where: string, values: string[], period: 'year' | 'all' = 'year'): Promise<Map<string, { numerator: number; denominator: number }>> {
    const rows = await db.query<{ period: string; sex: string; numerator: number; denominator: number }>(
      `SELECT ${period === 'all' ? "'all'" : "strftime(period_start, '%Y')"} AS period, sex, count(*) FILTER (WHERE has_hypertension)::DOUBLE AS numerator, count(*)::DOUBLE AS denominator
       FROM mart.person_year WHERE ${where} GROUP BY ALL`, values);
    return new Map(rows.map((r) => [`${r.period} ${r.sex}`, { numerator: r.numerator, denominator: r.denominator }]));
  }

  /** Checks every shown row of a by=sex answer against the counts by hand; returns how many rows were shown. */
  function expectCounts(rows: Row[], truth: Map<string, { numerator: number; denominator: number }>): number {
    let shown = 0;
    for (const row of rows) {
      const expected = truth.get(`${row.period} ${row.sex}`) ?? { numerator: 0, denominator: 0 };
      if (row.suppressed) continue;
      shown++;
      expect({ numerator: row.numerator, denominator: row.denominator }, `${row.period} ${row.sex}`).toEqual(expected);
    }
    return shown;
  }

  describe('with exact counts: only the restricted rows, as counted by hand', () => {
    it.each([
      ['county', () => ['county = ?', [county]] as const, () => `county=${encodeURIComponent(county)}`],
      ['organization', () => ['organization = ?', [organization]] as const, () => `organization=${encodeURIComponent(organization)}`],
      ['payer', () => ['payer = ?', [payer]] as const, () => `payer=${encodeURIComponent(payer)}`],
      ['countyPayer', () => ['county = ? AND payer = ?', [county, payer]] as const, () => `county=${encodeURIComponent(county)}&payer=${encodeURIComponent(payer)}`],
    ])('a token limited by %s reads the rows of its restriction and no others', async (name, where, filter) => {
      const [condition, values] = where();
      // All years added up, so that even the smaller restrictions show cells of 11 or more people.
      const truth = await byHand(condition, [...values], 'all');
      const restricted = await json(exact, `/api/measures/${MEASURE}?by=sex&period=all`, tokens[name]);
      expect(restricted.status).toBe(200);
      expect(expectCounts(restricted.body.rows, truth)).toBeGreaterThan(0);
      // The unrestricted admin's query filtered by hand to the same rows agrees wherever both show a cell.
      const filtered = await json(exact, `/api/measures/${MEASURE}?by=sex&period=all&${filter()}`, tokens.admin);
      expect(filtered.status).toBe(200);
      expectCounts(filtered.body.rows, truth);
      expect(restricted.body.rows.map((r: Row) => `${r.period} ${r.sex}`)).toEqual(filtered.body.rows.map((r: Row) => `${r.period} ${r.sex}`));
      // The whole population differs: the restriction did narrow it.
      const everyone = await json(exact, `/api/measures/${MEASURE}?by=sex&period=all`, tokens.admin);
      expect(everyone.body.rows.map((r: Row) => r.denominator)).not.toEqual(restricted.body.rows.map((r: Row) => r.denominator));
    });

    it('serves the same rows as CSV and Arrow exports', async () => {
      const truth = await byHand('county = ?', [county]);
      const { body } = await json(exact, `/api/measures/${MEASURE}?by=sex`, tokens.county);
      const csv = await call(exact, `/api/measures/${MEASURE}?by=sex`, tokens.county, { headers: { Accept: 'text/csv' } });
      expect(csv.status).toBe(200);
      const [header, ...lines] = (await csv.text()).trim().split(/\r?\n/).map(splitCsvLine);
      const csvRows = lines.map((fields) => Object.fromEntries(header!.map((h, i) => [h, fields[i]])));
      expect(csvRows).toHaveLength(body.rows.length);
      for (const row of csvRows) {
        if (row.suppressed === 'true') continue;
        const expected = truth.get(`${row.period} ${row.sex}`)!;
        expect([Number(row.numerator), Number(row.denominator)]).toEqual([expected.numerator, expected.denominator]);
      }
      const arrow = await call(exact, `/api/measures/${MEASURE}?by=sex`, tokens.county, { headers: { Accept: ARROW } });
      expect(arrow.status).toBe(200);
      const arrowRows = tableFromIPC(new Uint8Array(await arrow.arrayBuffer())).toArray().map((r) => r.toJSON() as Row);
      expect(arrowRows).toHaveLength(body.rows.length);
      expect(expectCounts(arrowRows, truth)).toBeGreaterThan(0);
    });

    it('stratified by a restricted dimension, shows only the allowed values', async () => {
      const { body } = await json(exact, `/api/measures/${MEASURE}?by=county`, tokens.twoCounties);
      expect(new Set(body.rows.map((r: Row) => r.county))).toEqual(new Set([county, otherCounty]));
      const { body: one } = await json(exact, `/api/measures/${MEASURE}?by=county`, tokens.county);
      expect(new Set(one.rows.map((r: Row) => r.county))).toEqual(new Set([county]));
    });

    it('refuses a filter outside the restriction with 403 naming it, and accepts one inside', async () => {
      const outside = await json(exact, `/api/measures/${MEASURE}?county=${encodeURIComponent(otherCounty)}`, tokens.county);
      expect(outside.status).toBe(403);
      expect(outside.body.error.code).toBe('outside_restriction');
      expect(outside.body.error.message).toContain(`county=${otherCounty}`);
      expect(outside.body.error.details.parameter).toBe('county');
      expect((await json(exact, `/api/measures/${MEASURE}/trend?county=${encodeURIComponent(otherCounty)}`, tokens.county)).status).toBe(403);
      expect((await json(exact, `/api/measures/${MEASURE}?county=${encodeURIComponent(county)}`, tokens.county)).status).toBe(200);
    });

    it('narrows the trend endpoint too', async () => {
      const restricted = await json(exact, `/api/measures/${MEASURE}/trend?by=sex`, tokens.county);
      const filtered = await json(exact, `/api/measures/${MEASURE}/trend?by=sex&county=${encodeURIComponent(county)}`, tokens.admin);
      expect(restricted.status).toBe(200);
      expect(restricted.body.trends).toEqual(filtered.body.trends);
    });

    it('lists only the allowed values of a restricted dimension, and counts only its people in meta', async () => {
      const { body } = await json(exact, '/api/dimensions', tokens.twoCounties);
      expect([...body.county].sort()).toEqual([county, otherCounty].sort());
      const { body: everything } = await json(exact, '/api/dimensions', tokens.admin);
      expect(body.sex).toEqual(everything.sex);
      expect(everything.county.length).toBeGreaterThan(2);
      const [{ n }] = await db.query<{ n: number }>('SELECT count(DISTINCT person_id)::INTEGER AS n FROM mart.person_year WHERE county = ?', [county]);
      expect((await json(exact, '/api/meta', tokens.county)).body.people).toBe(n);
    });

    it('narrows cohorts: a preview counts only the restricted people', async () => {
      const definition = { criteria: { condition: { group: 'hypertension' } } };
      const preview = (token: string, body: object) =>
        call(exact, '/api/cohorts/preview', token, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
      const restricted = await preview(tokens.county, definition);
      expect(restricted.status).toBe(200);
      const codes = await hypertensionCodes();
      const [{ n }] = await db.query<{ n: number }>(
        `SELECT count(DISTINCT c.person_id)::INTEGER AS n FROM core.condition c JOIN core.person p USING (person_id)
         WHERE p.county = ? AND c.code IN (${codes.map(() => '?').join(', ')})`,
        [county, ...codes],
      );
      expect(restricted.body.size.value).toBe(n);
      const byCriterion = await preview(tokens.admin, { criteria: { all: [definition.criteria, { county }] } });
      expect(byCriterion.body.size.value).toBe(n);
      expect((await preview(tokens.admin, definition)).body.size.value).toBeGreaterThan(n);
    });

    it('limits an admin with a rule too; an admin without one reads every row', async () => {
      const { body: limited } = await json(exact, '/api/dimensions', tokens.adminCounty);
      expect(limited.county).toEqual([county]);
      const { body: all } = await json(exact, '/api/dimensions', tokens.admin);
      expect(all.county.length).toBeGreaterThan(1);
    });
  });

  async function hypertensionCodes(): Promise<string[]> {
    const { CONDITION_VALUE_SETS } = await import('../../core/cohorts/value-sets.ts');
    return [...CONDITION_VALUE_SETS.get('hypertension')!];
  }

  describe('default deny', () => {
    it.each(['noRule', 'analystNoRule'])('a %s token reads no rows: 403 saying no data access is granted and who grants it', async (name) => {
      const trend = name === 'analystNoRule' ? [`/api/measures/${MEASURE}/trend`] : [];
      for (const path of [`/api/measures/${MEASURE}`, ...trend, '/api/meta', '/api/dimensions']) {
        const { status, body } = await json(perturbed, path, tokens[name]);
        expect(status, path).toBe(403);
        expect(body.error.code).toBe('no_data_access');
        expect(body.error.message).toMatch(/No data access is granted/);
        expect(body.error.message).toMatch(/admin/);
      }
      const preview = await call(perturbed, '/api/cohorts/preview', tokens[name], { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"criteria":{"sex":"F"}}' });
      expect(preview.status).toBe(403);
      expect(((await preview.json()) as Json).error.code).toBe(name === 'analystNoRule' ? 'no_data_access' : 'forbidden');
      // The catalog holds no patient rows.
      expect((await call(perturbed, '/api/measures', tokens[name])).status).toBe(200);
    });

    it('a token with the rule all reads what an admin reads', async () => {
      const all = await json(perturbed, `/api/measures/${MEASURE}?by=county`, tokens.all);
      const admin = await json(perturbed, `/api/measures/${MEASURE}?by=county`, tokens.admin);
      expect(all.status).toBe(200);
      expect(all.body.rows).toEqual(admin.body.rows);
    });
  });

  describe('with perturbed counts', () => {
    it.each([
      ['county', () => `county=${encodeURIComponent(county)}`],
      ['organization', () => `organization=${encodeURIComponent(organization)}`],
      ['payer', () => `payer=${encodeURIComponent(payer)}`],
    ])('a token limited by %s gets exactly the rows of the unrestricted query filtered to it', async (name, filter) => {
      for (const path of [`/api/measures/${MEASURE}?by=sex`, '/api/measures/ed-visits-per-1000?by=ageBand', '/api/measures/top-5-percent-cost-share?by=sex', `/api/measures/${MEASURE}?period=all&adjust=age`]) {
        const restricted = await json(perturbed, path, tokens[name]);
        const filtered = await json(perturbed, `${path}&${filter()}`, tokens.admin);
        expect(restricted.status, path).toBe(200);
        expect(restricted.body.rows, path).toEqual(filtered.body.rows);
        expect(restricted.body.disclosure).toBe('perturbed');
      }
    });

    it("never serves one restriction's cached answer to another caller", async () => {
      const path = `/api/measures/${MEASURE}?by=race`;
      const first = await json(perturbed, path, tokens.county);
      const other = await json(perturbed, path, tokens.otherCounty);
      const everyone = await json(perturbed, path, tokens.admin);
      const again = await json(perturbed, path, tokens.county);
      expect(again.body).toEqual(first.body);
      expect(again.etag).toBe(first.etag);
      expect(other.body.rows).not.toEqual(first.body.rows);
      expect(everyone.body.rows).not.toEqual(first.body.rows);
      expect(new Set([first.etag, other.etag, everyone.etag]).size).toBe(3);
      // Each equals its own filtered query, cached or not.
      expect(other.body.rows).toEqual((await json(perturbed, `${path}&county=${encodeURIComponent(otherCounty)}`, tokens.admin)).body.rows);
      // A validator of another restriction's answer is no match: the body comes, not a 304.
      const revalidated = await call(perturbed, path, tokens.otherCounty, { headers: { 'If-None-Match': first.etag! } });
      expect(revalidated.status).toBe(200);
      expect(((await revalidated.json()) as Json).rows).toEqual(other.body.rows);
      const csvFirst = await call(perturbed, path, tokens.county, { headers: { Accept: 'text/csv' } }).then((r) => r.text());
      const csvOther = await call(perturbed, path, tokens.otherCounty, { headers: { Accept: 'text/csv' } }).then((r) => r.text());
      expect(csvOther).not.toBe(csvFirst);
    });

    it('records the restriction applied in the audit trail', async () => {
      await json(perturbed, `/api/measures/${MEASURE}?by=sex&period=all`, tokens.county);
      await json(perturbed, `/api/measures/${MEASURE}?by=sex&period=all`, tokens.county);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const { body } = await json(perturbed, '/api/audit?limit=10000', tokens.admin);
      const mine = body.records.filter((r: Json) => r.principal === `token:${tokenIds.county}` && r.route === '/measures/{id}');
      expect(mine.length).toBeGreaterThanOrEqual(2);
      for (const record of mine) expect(JSON.parse(record.restriction)).toEqual({ limits: { county: [county] } });
      expect(mine.some((r: Json) => r.cached)).toBe(true);
      const admins = body.records.filter((r: Json) => r.principal === `token:${tokenIds.admin}`);
      expect(admins.length).toBeGreaterThan(0);
      expect(admins.every((r: Json) => r.restriction === null)).toBe(true);
      const denied = body.records.filter((r: Json) => r.principal === `token:${tokenIds.noRule}`);
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.every((r: Json) => r.restriction === 'none')).toBe(true);
      expect(denied.filter((r: Json) => r.route === '/meta').every((r: Json) => r.status === 403 && r.outcome === 'refused')).toBe(true);
    });
  });
});
