import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { buildCohortSql } from '../../core/cohorts/build-cohort-sql.ts';
import { httpMessages } from '../../server/http/messages.ts';
import { COHORT_CACHE_DIR } from '../../server/state/cohort-cache-folder.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { Criterion } from '../../core/cohorts/cohort-schema.ts';
import { newcombeDifferenceInterval } from '../../core/stats/index.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;

// Each definition with the same selection written by hand over core.* (nj27: 27 people).
const CASES: { what: string; criteria: Criterion; sql: string }[] = [
  { what: 'women', criteria: { sex: 'F' }, sql: `SELECT person_id FROM core.person WHERE sex = 'F'` },
  {
    what: 'ten or more wellness visits',
    criteria: { encounter: { class: 'wellness', minCount: 10 } },
    sql: `SELECT person_id FROM core.encounter WHERE encounter_class = 'wellness' GROUP BY person_id HAVING count(*) >= 10`,
  },
  {
    what: 'obese women',
    criteria: { all: [{ condition: { group: 'obesity' } }, { not: { sex: 'M' } }] },
    sql: `SELECT person_id FROM core.condition WHERE code IN ('162864005', '408512008') EXCEPT SELECT person_id FROM core.person WHERE sex = 'M'`,
  },
  {
    what: 'a BMI of 30 or more since 2015',
    criteria: { lab: { code: '39156-5', op: '>=', value: 30, between: ['2015-01-01', '2024-12-31'] } },
    sql: `SELECT DISTINCT person_id FROM core.observation WHERE code = '39156-5' AND value_num >= 30 AND obs_ts >= TIMESTAMP '2015-01-01' AND obs_ts < TIMESTAMP '2025-01-01'`,
  },
  {
    what: 'an ED visit within a year after a hypertension diagnosis',
    criteria: { encounter: { class: 'emergency', within: { days: 365, after: { condition: { codes: ['59621000'] } } } } },
    sql: `SELECT DISTINCT e.person_id FROM core.encounter e JOIN core.condition c ON c.person_id = e.person_id AND c.code = '59621000'
          WHERE e.encounter_class = 'emergency' AND date_diff('day', c.start_date, e.start_ts::DATE) BETWEEN 0 AND 365`,
  },
  {
    what: '65 or older, or on Medicaid in 2020',
    criteria: { any: [{ age: { min: 65 } }, { payer: { category: 'Medicaid', between: ['2020-01-01', '2020-12-31'] } }] },
    sql: `SELECT person_id FROM core.person, (SELECT max(start_ts)::DATE AS d FROM core.encounter) WHERE age_90_plus OR date_sub('year', birth_date, d) >= 65
          UNION SELECT c.person_id FROM core.coverage c JOIN core.payer p USING (payer_id)
          WHERE p.category = 'Medicaid' AND c.start_date <= DATE '2020-12-31' AND c.end_date >= DATE '2020-01-01'`,
  },
  {
    what: 'an epinephrine auto-injector or lisinopril',
    criteria: { medication: { codes: ['1870230', '314076'] } },
    sql: `SELECT DISTINCT person_id FROM core.medication WHERE code IN ('1870230', '314076')`,
  },
  {
    what: 'inpatient or ED care in 2015–2019',
    criteria: { encounter: { class: ['inpatient', 'emergency'], between: ['2015-01-01', '2019-12-31'] } },
    sql: `SELECT DISTINCT person_id FROM core.encounter WHERE encounter_class IN ('inpatient', 'emergency') AND start_ts::DATE BETWEEN DATE '2015-01-01' AND DATE '2019-12-31'`,
  },
];

const COUNT_FIELDS = new Set(['value', 'count', 'countA', 'countB', 'numerator', 'denominator', 'size', 'members', 'overlap']);

/** Every (path, number) of a count-like field anywhere in a response. */
function counts(value: unknown, path = ''): [string, number][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => counts(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'number' && COUNT_FIELDS.has(k) ? [[`${path}.${k}`, v] as [string, number]] : counts(v, `${path}.${k}`),
  );
}

// One load of nj27 for both settings; each setting runs its own servers on it.
const dir = mkdtempSync(join(tmpdir(), 'popsight-cohorts-'));
const warehouse = join(dir, 'w.duckdb');
let db: Database;
beforeAll(async () => {
  await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
  db = await openDatabase(warehouse, { readOnly: true });
});
afterAll(() => db?.close());
const ids = async (sql: string) => (await db.query<{ person_id: string }>(sql)).map((r) => r.person_id).sort();

describe('cohorts on the nj27 fixture, with exact counts (the trusted-environment setting)', () => {
  const stateDir = join(dir, 'state');
  let server: RunningServer;
  const responses: Json[] = [];

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = response.status === 204 ? {} : ((await response.json()) as Json);
    responses.push(json);
    return { status: response.status, body: json };
  }
  const restart = async () => {
    await server.close();
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, exactCounts: true });
  };
  const save = async (name: string, criteria: Criterion) => {
    const { status, body } = await call('POST', '/api/cohorts', { name, criteria });
    expect(status).toBe(201);
    return body.id as string;
  };

  beforeAll(async () => {
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, exactCounts: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('selects the same people as hand-written SQL, and previews their number through disclosure control', async () => {
    const sizes: number[] = [];
    for (const { what, criteria, sql } of CASES) {
      const expected = await ids(sql);
      const compiled = buildCohortSql({ criteria });
      expect((await db.query<{ person_id: string }>(compiled.sql, compiled.values)).map((r) => r.person_id).sort(), what).toEqual(expected);
      const { status, body } = await call('POST', '/api/cohorts/preview', { criteria });
      expect(status, what).toBe(200);
      const n = expected.length;
      sizes.push(n);
      expect(body.size, what).toEqual(n >= 1 && n <= 10 ? { value: null, suppressed: true, suppressionReason: 'small-cell' } : { value: n, suppressed: false });
    }
    // The cases cover shown and suppressed sizes.
    expect(sizes.some((n) => n >= 11)).toBe(true);
    expect(sizes.some((n) => n >= 1 && n <= 10)).toBe(true);
  });

  it('rejects invalid definitions with a 400 naming the field and what was expected', async () => {
    const bad = await call('POST', '/api/cohorts', { name: 'x', criteria: { all: [{ sex: 'F' }, { lab: { code: '4548-4', op: '>>', value: 9 } }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_definition');
    expect(bad.body.error.details.path).toBe('criteria.all[1].lab.op');
    expect(bad.body.error.message).toBe(cohortMessages.invalidDefinition('criteria.all[1].lab.op', cohortMessages.expectedOneOf(['>', '>=', '<', '<=', '=', '!='])));

    const unknownGroup = await call('POST', '/api/cohorts/preview', { criteria: { condition: { group: 'gout' } } });
    expect(unknownGroup.status).toBe(400);
    expect(unknownGroup.body.error.details.path).toBe('criteria.condition.group');
    expect(unknownGroup.body.error.message).toMatch(/expected one of 'diabetes', 'hypertension'/);

    const noName = await call('POST', '/api/cohorts', { criteria: { sex: 'F' } });
    expect(noName.body.error.message).toBe(cohortMessages.invalidDefinition('name', cohortMessages.expectedName));
    const notJson = await call('POST', '/api/cohorts', '{"name": "x", criteria');
    expect([notJson.status, notJson.body.error.code, notJson.body.error.message]).toEqual([400, 'invalid_json', httpMessages.invalidJson]);
    const compare = await call('GET', '/api/cohorts/compare?a=1');
    expect([compare.status, compare.body.error.message]).toEqual([400, cohortMessages.compareNeedsTwo]);
    expect((await call('GET', '/api/cohorts')).body.cohorts).toEqual([]);
  });

  it('saves, lists, gets and deletes cohorts, and keeps them across a restart', async () => {
    const definition = { name: 'Women', description: 'All women', indexDate: '2023-12-31', criteria: { sex: 'F' } };
    const created = await call('POST', '/api/cohorts', definition);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Women', description: 'All women' });
    const other = await save('ED users', { encounter: { class: 'emergency' } });

    await restart();
    const listed = (await call('GET', '/api/cohorts')).body.cohorts as Json[];
    expect(listed.map((c) => c.name)).toEqual(['Women', 'ED users']);
    expect(listed[0]).toEqual({ id: created.body.id, name: 'Women', description: 'All women', createdAt: created.body.createdAt, prepared: expect.any(Boolean), preparing: expect.any(Boolean) });
    expect((await call('GET', `/api/cohorts/${created.body.id}`)).body.definition).toEqual(definition);

    expect((await call('DELETE', `/api/cohorts/${created.body.id}`)).status).toBe(204);
    const gone = await call('GET', `/api/cohorts/${created.body.id}`);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'unknown_cohort']);
    expect((await call('DELETE', `/api/cohorts/${created.body.id}`)).status).toBe(404);
    expect((await call('GET', `/api/cohorts/${created.body.id}/characterization`)).status).toBe(404);

    await restart();
    expect(((await call('GET', '/api/cohorts')).body.cohorts as Json[]).map((c) => c.id)).toEqual([other]);
    // The state store's file (and, while it is open, its write-ahead log and the running server's address; the prepared cohorts' cache).
    expect(readdirSync(stateDir).filter((f) => !f.endsWith('.wal') && f !== 'server.json' && f !== COHORT_CACHE_DIR)).toEqual(['state.duckdb']);
    expect((await call('DELETE', `/api/cohorts/${other}`)).status).toBe(204);
  });

  it('filters a measure by a cohort exactly as computing it by hand over the members', async () => {
    const id = await save('Ambulatory care', { encounter: { class: 'ambulatory' } });
    const members = `SELECT DISTINCT person_id FROM core.encounter WHERE encounter_class = 'ambulatory'`;
    const [prevalence] = await db.query<{ x: number; n: number }>(
      `SELECT count(*) FILTER (WHERE has_hypertension)::INTEGER AS x, count(*)::INTEGER AS n FROM mart.person_period WHERE grain = 'year' AND person_id IN (${members})`,
    );
    expect(prevalence!.x).toBeGreaterThanOrEqual(11);
    const filtered = (await call('GET', `/api/measures/hypertension-prevalence?period=all&cohort=${id}`)).body.rows[0];
    expect([filtered.numerator, filtered.denominator, filtered.suppressed]).toEqual([prevalence!.x, prevalence!.n, false]);
    expect(filtered.rate).toBeCloseTo((100 * prevalence!.x) / prevalence!.n, 10);
    const everyone = (await call('GET', '/api/measures/hypertension-prevalence?period=all')).body.rows[0];
    expect(everyone.denominator).toBeGreaterThan(filtered.denominator);

    const [cost] = await db.query<{ y: number; x: number }>(
      `SELECT sum(cost) AS y, sum(member_months) AS x FROM mart.person_period WHERE grain = 'year' AND person_id IN (${members})`,
    );
    const pmpm = (await call('GET', `/api/measures/cost-pmpm?period=all&cohort=${id}`)).body.rows[0];
    expect(pmpm.rate).toBeCloseTo(cost!.y / cost!.x, 8);

    // With a stratifier and a filter too, every shown row matches the hand count; the rest are suppressed.
    const bySex = (await call('GET', `/api/measures/hypertension-prevalence?period=all&by=sex&race=white&cohort=${id}`)).body.rows as Json[];
    const hand = await db.query<{ period: string; sex: string; x: number; n: number }>(
      `SELECT 'all' AS period, sex, count(*) FILTER (WHERE has_hypertension)::INTEGER AS x, count(*)::INTEGER AS n
       FROM mart.person_period WHERE grain = 'year' AND race = 'white' AND person_id IN (${members}) GROUP BY ALL`,
    );
    expect(bySex.some((r) => !r.suppressed)).toBe(true);
    for (const row of bySex.filter((r) => !r.suppressed)) {
      const h = hand.find((r) => r.period === row.period && r.sex === row.sex) ?? { x: 0, n: 0 };
      expect([row.numerator, row.denominator], `${row.period} ${row.sex}`).toEqual([h.x, h.n]);
    }

    const unknown = await call('GET', '/api/measures/hypertension-prevalence?cohort=no-such-cohort');
    expect([unknown.status, unknown.body.error.message]).toEqual([404, cohortMessages.unknownCohort('no-such-cohort')]);
  });

  it('restricts a trend to a cohort, as it does the measure, and answers 404 for an unknown cohort', async () => {
    const id = await save('Ambulatory care for the trend', { encounter: { class: 'ambulatory' } });
    const yearly = (await call('GET', `/api/measures/cost-pmpm?period=year&cohort=${id}`)).body.rows as Json[];
    const shown = yearly.filter((r) => !r.suppressed && r.rate > 0);
    expect(shown.length).toBeGreaterThanOrEqual(3);
    // Least squares of ln(rate) on year, by hand: APC = 100 (e^slope − 1).
    const xs = shown.map((r) => Number(r.period));
    const ys = shown.map((r) => Math.log(r.rate));
    const mx = xs.reduce((a, b) => a + b) / xs.length;
    const my = ys.reduce((a, b) => a + b) / ys.length;
    const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    const trend = (await call('GET', `/api/measures/cost-pmpm/trend?cohort=${id}`)).body;
    expect(trend.trends).toHaveLength(1);
    expect(trend.trends[0].years).toBe(shown.length);
    expect(trend.trends[0].apc).toBeCloseTo(100 * (Math.exp(slope) - 1), 8);
    const everyone = (await call('GET', '/api/measures/cost-pmpm/trend')).body;
    expect(everyone.trends[0].apc).not.toBeCloseTo(trend.trends[0].apc, 8);

    const unknown = await call('GET', '/api/measures/cost-pmpm/trend?cohort=no-such-cohort');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_cohort']);
  });

  it('characterizes a cohort from hand-checkable counts, all through disclosure control', async () => {
    const id = await save('Everyone', { any: [{ sex: 'F' }, { sex: 'M' }] });
    const { body } = await call('GET', `/api/cohorts/${id}/characterization`);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person');
    expect(body.size).toEqual({ value: n, suppressed: false });
    expect(body.indexDate).toBe((await db.query<{ d: string }>(`SELECT strftime(max(start_ts), '%Y-%m-%d') AS d FROM core.encounter`))[0]!.d);

    const bySex = await db.query<{ value: string; n: number }>('SELECT sex AS value, count(*)::INTEGER AS n FROM core.person GROUP BY 1');
    for (const row of body.breakdowns.sex as Json[]) {
      const hand = bySex.find((r) => r.value === row.value)?.n ?? 0;
      if (row.suppressed) expect(row.count).toBeNull();
      else expect([row.count, row.share]).toEqual([hand, hand / n]);
    }
    for (const breakdown of ['ageBand', 'sex', 'race']) {
      const rows = body.breakdowns[breakdown] as Json[];
      const hidden = rows.filter((r) => r.suppressed);
      // Never a lone hidden cell: the size minus the shown cells would give it away.
      expect(hidden.length === 0 || hidden.length >= 2, breakdown).toBe(true);
      for (const r of hidden) expect([r.count, r.share]).toEqual([null, null]);
    }
    expect((body.conditionGroups as Json[]).map((g) => g.value)).toContain('hypertension');

    const [year] = await db.query<{ y: number; x: number; members: number; label: string }>(
      `SELECT sum(cost) AS y, sum(member_months) AS x, count(*)::INTEGER AS members, strftime(max(period_start), '%Y') AS label
       FROM mart.person_period WHERE grain = 'year' AND period_start = (SELECT max(period_start) FROM mart.person_period WHERE grain = 'year')`,
    );
    expect(body.costPmpm.year).toBe(year!.label);
    expect(body.costPmpm.members).toEqual({ value: year!.members, suppressed: false });
    expect(body.costPmpm.pmpm).toBeCloseTo(year!.y / year!.x, 8);
    expect(body.costPmpm.ciLow).toBeLessThanOrEqual(body.costPmpm.pmpm);

    // A cohort of 1–10 people shows nothing but a suppressed size.
    const small = await save('Obese women', { all: [{ condition: { group: 'obesity' } }, { sex: 'F' }] });
    const smallBody = (await call('GET', `/api/cohorts/${small}/characterization`)).body;
    expect(smallBody.size).toEqual({ value: null, suppressed: true, suppressionReason: 'small-cell' });
    expect([smallBody.breakdowns, smallBody.conditionGroups, smallBody.topConditions, smallBody.costPmpm]).toEqual([null, null, null, null]);
  });

  it('compares two cohorts with Newcombe intervals from the shown counts, keeping suppressed cells suppressed', async () => {
    const a = await save('Women', { sex: 'F' });
    const b = await save('Ambulatory care', { encounter: { class: 'ambulatory' } });
    const { status, body } = await call('GET', `/api/cohorts/compare?a=${a}&b=${b}`);
    expect(status).toBe(200);
    const membersA = await ids(`SELECT person_id FROM core.person WHERE sex = 'F'`);
    const membersB = await ids(`SELECT DISTINCT person_id FROM core.encounter WHERE encounter_class = 'ambulatory'`);
    expect(body.a.size).toEqual({ value: membersA.length, suppressed: false });
    expect(body.b.size).toEqual({ value: membersB.length, suppressed: false });
    const both = membersA.filter((p) => membersB.includes(p)).length;
    if (!body.overlap.suppressed) expect(body.overlap.value).toBe(both);

    const sexOf = new Map((await db.query<{ person_id: string; sex: string }>('SELECT person_id, sex FROM core.person')).map((r) => [r.person_id, r.sex]));
    const rows = body.rows as Json[];
    for (const sex of ['F', 'M']) {
      const row = rows.find((r) => r.characteristic === 'sex' && r.value === sex)!;
      const [x1, x2] = [membersA, membersB].map((m) => m.filter((p) => sexOf.get(p) === sex).length);
      if (row.suppressed) continue;
      const ci = newcombeDifferenceInterval(x1!, membersA.length, x2!, membersB.length);
      expect([row.countA, row.countB]).toEqual([x1, x2]);
      expect(row.shareA).toBeCloseTo(x1! / membersA.length, 12);
      expect(row.difference).toBeCloseTo(ci.difference!, 12);
      expect([row.ciLow, row.ciHigh]).toEqual([ci.low, ci.high]);
    }
    expect(rows.some((r) => !r.suppressed && r.countA > 0)).toBe(true);
    expect(rows.some((r) => r.suppressed)).toBe(true);
    for (const row of rows.filter((r) => r.suppressed)) {
      expect([row.difference, row.ciLow, row.ciHigh]).toEqual([null, null, null]);
      expect(row.countA === null || row.countB === null).toBe(true);
    }
    expect(body.method).toMatch(/Newcombe \(1998\)/);
  });

  it('never shows a count of 1–10 in any cohort response', async () => {
    for (const { criteria } of CASES) {
      const id = await save('case', criteria);
      await call('GET', `/api/cohorts/${id}/characterization`);
      await call('GET', `/api/cohorts/compare?a=${id}&b=${id}`);
      await call('GET', `/api/measures/hypertension-prevalence?period=year&by=sex&cohort=${id}`);
    }
    const seen = responses.flatMap((r) => counts(r));
    expect(seen.length).toBeGreaterThan(100);
    for (const [path, n] of seen) expect(n === 0 || n >= 11, `${path} = ${n}`).toBe(true);
  });
});

describe('cohorts on the nj27 fixture, with perturbed counts (the default)', () => {
  const responses: Json[] = [];
  const everyone: Criterion = { any: [{ sex: 'F' }, { sex: 'M' }] };

  /**
   * A server of its own (its own state directory, so an empty cohort ledger): on 27 people most
   * pairs of cohorts differ by 1–10 people, which the ledger refuses (cohort-ledger.test.ts).
   */
  async function session<T>(work: (call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }>) => Promise<T>): Promise<T> {
    const server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: mkdtempSync(join(tmpdir(), 'popsight-cohorts-state-')) });
    try {
      return await work(async (method, path, body) => {
        const response = await fetch(`${server.url}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await response.json()) as Json;
        responses.push(json);
        return { status: response.status, body: json };
      });
    } finally {
      await server.close();
    }
  }

  /** A published count of people (a size's `value`, a row's `count`) against its true value: within the noise (±5), never 0 for people, never 1–10. */
  function expectPublished(published: Json, truth: number, what: string) {
    const value = ('count' in published ? published.count : published.value) as number | null;
    if (published.suppressed) {
      // Hidden: the published count was 1–10, so the truth is 1–15.
      expect(truth, what).toBeGreaterThanOrEqual(1);
      expect(truth, what).toBeLessThanOrEqual(15);
      expect(value, what).toBeNull();
      return;
    }
    if (value === null) throw new Error(`${what}: shown without a count`);
    expect(Math.abs(value - truth), `${what}: ${value} for ${truth}`).toBeLessThanOrEqual(5);
    expect(value === 0, `${what}: ${value} for ${truth}`).toBe(truth === 0);
    expect(value === 0 || value >= 11, `${what}: ${value}`).toBe(true);
  }

  it('previews each size within the noise of the truth, the same on every request', async () => {
    let moved = 0;
    for (const { what, criteria, sql } of CASES) {
      const truth = (await ids(sql)).length;
      const [first, again] = await session(async (call) => [await call('POST', '/api/cohorts/preview', { criteria }), await call('POST', '/api/cohorts/preview', { criteria })]);
      expect(first!.status, what).toBe(200);
      expect(again!.body.size, what).toEqual(first!.body.size);
      expectPublished(first!.body.size, truth, what);
      if (!first!.body.size.suppressed && first!.body.size.value !== truth) moved += 1;
    }
    // The sizes are perturbed, not exact (each stays put with probability 0.28 at most).
    expect(moved).toBeGreaterThan(0);
  });

  it('characterizes a cohort with counts near the hand counts and shares of the published size', async () => {
    const { body } = await session(async (call) => {
      const { body: saved } = await call('POST', '/api/cohorts', { name: 'Everyone', criteria: everyone });
      const first = await call('GET', `/api/cohorts/${saved.id}/characterization`);
      expect((await call('GET', `/api/cohorts/${saved.id}/characterization`)).body).toEqual(first.body);
      return first;
    });
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person');
    expectPublished(body.size, n, 'size');
    const size = body.size.value as number;
    for (const [breakdown, column] of [['sex', 'sex'], ['race', 'race']] as const) {
      const hand = await db.query<{ value: string; n: number }>(`SELECT ${column} AS value, count(*)::INTEGER AS n FROM core.person GROUP BY 1`);
      for (const row of body.breakdowns[breakdown] as Json[]) {
        expectPublished(row, hand.find((h) => h.value === row.value)?.n ?? 0, `${breakdown} ${row.value}`);
        if (!row.suppressed) expect(row.share).toBe(row.count / size);
      }
    }
    // No complementary suppression: F 13 and M 14 are both shown, though nothing else is.
    expect((body.breakdowns.sex as Json[]).every((r) => !r.suppressed)).toBe(true);

    const [year] = await db.query<{ y: number; x: number; members: number; largest: number }>(
      `SELECT sum(cost) AS y, sum(member_months) AS x, count(*)::INTEGER AS members, max(cost) AS largest
       FROM mart.person_period WHERE grain = 'year' AND period_start = (SELECT max(period_start) FROM mart.person_period WHERE grain = 'year')`,
    );
    expectPublished(body.costPmpm.members, year!.members, 'cost members');
    if (body.costPmpm.pmpm === null) {
      // Hidden only by the dominance rule: one member holds more than 60% of the cost.
      expect(body.costPmpm.suppressionReason).toBe('dominance');
      expect(year!.largest).toBeGreaterThan(0.6 * year!.y);
    } else {
      // Cost and member-months scale alike; the cost moves by at most the largest member's cost.
      const scale = body.costPmpm.members.value / year!.members;
      expect(Math.abs(body.costPmpm.pmpm - year!.y / year!.x)).toBeLessThanOrEqual(year!.largest / (year!.x * scale) + 1e-9);
    }
  });

  it('compares from the published counts, with the overlap perturbed as its own set of people', async () => {
    const { status, body } = await session(async (call) => {
      const a = (await call('POST', '/api/cohorts', { name: 'Everyone', criteria: everyone })).body.id;
      const b = (await call('POST', '/api/cohorts', { name: 'Women', criteria: { sex: 'F' } })).body.id;
      return call('GET', `/api/cohorts/compare?a=${a}&b=${b}`);
    });
    expect(status).toBe(200);
    const all = await ids('SELECT person_id FROM core.person');
    const women = await ids(`SELECT person_id FROM core.person WHERE sex = 'F'`);
    expectPublished(body.a.size, all.length, 'size a');
    expectPublished(body.b.size, women.length, 'size b');
    // The overlap is the women: the same people, so the same published count as b's size.
    expect(body.overlap).toEqual(body.b.size);
    const sexOf = new Map((await db.query<{ person_id: string; sex: string }>('SELECT person_id, sex FROM core.person')).map((r) => [r.person_id, r.sex]));
    for (const row of (body.rows as Json[]).filter((r) => r.characteristic === 'sex')) {
      const [x1, x2] = [all, women].map((m) => m.filter((p) => sexOf.get(p) === row.value).length);
      expectPublished({ count: row.countA, suppressed: row.countA === null }, x1!, `A ${row.value}`);
      expectPublished({ count: row.countB, suppressed: row.countB === null }, x2!, `B ${row.value}`);
      if (row.suppressed) continue;
      const ci = newcombeDifferenceInterval(row.countA, body.a.size.value, row.countB, body.b.size.value);
      expect([row.difference, row.ciLow, row.ciHigh]).toEqual([ci.difference, ci.low, ci.high]);
    }
    expect((body.rows as Json[]).some((r) => r.characteristic === 'sex' && !r.suppressed)).toBe(true);
  });

  it('filters a measure by a cohort with counts near the hand counts', async () => {
    const members = `SELECT DISTINCT person_id FROM core.encounter WHERE encounter_class = 'ambulatory'`;
    const [hand] = await db.query<{ x: number; n: number }>(
      `SELECT count(*) FILTER (WHERE has_hypertension)::INTEGER AS x, count(*)::INTEGER AS n FROM mart.person_period WHERE grain = 'year' AND person_id IN (${members})`,
    );
    const row = await session(async (call) => {
      const id = (await call('POST', '/api/cohorts', { name: 'Ambulatory care', criteria: { encounter: { class: 'ambulatory' } } })).body.id;
      return (await call('GET', `/api/measures/hypertension-prevalence?period=all&cohort=${id}`)).body.rows[0] as Json;
    });
    expect(row.suppressed).toBe(false);
    expectPublished({ value: row.numerator, suppressed: false }, hand!.x, 'numerator');
    expectPublished({ value: row.denominator, suppressed: false }, hand!.n, 'denominator');
  });

  it('never shows a count of 1–10 in any cohort response', async () => {
    for (const { criteria } of CASES) {
      await session(async (call) => {
        const id = (await call('POST', '/api/cohorts', { name: 'case', criteria })).body.id;
        await call('GET', `/api/cohorts/${id}/characterization`);
        await call('GET', `/api/cohorts/compare?a=${id}&b=${id}`);
        await call('GET', `/api/measures/hypertension-prevalence?period=year&by=sex&cohort=${id}`);
      });
    }
    const seen = responses.flatMap((r) => counts(r));
    expect(seen.length).toBeGreaterThan(100);
    for (const [path, n] of seen) expect(n === 0 || n >= 11, `${path} = ${n}`).toBe(true);
  });
});
