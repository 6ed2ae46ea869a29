import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../core/measures/messages.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

// US 2000 standard population, 11 age groups: NCHS Statistical Notes No. 20 (Klein & Schoenborn
// 2001), Table 2 weights, typed in from the publication rather than imported from the code.
const US2000: Record<string, number> = {
  '<1': 0.013818, '1-4': 0.055317, '5-14': 0.145565, '15-24': 0.138646, '25-34': 0.135573, '35-44': 0.162613,
  '45-54': 0.134834, '55-64': 0.087247, '65-74': 0.066037, '75-84': 0.044842, '85+': 0.015508,
};

type Row = Record<string, number | string | boolean | null>;

/** SEER's annual percent change: 100·(e^b − 1), b the least-squares slope of ln(rate) on year. */
function apcByHand(points: [year: number, rate: number][]): number {
  const xs = points.map(([year]) => year);
  const ys = points.map(([, rate]) => Math.log(rate));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return 100 * (Math.exp(slope) - 1);
}

// Hand computations from the mart need the true counts: the server runs with exact counts, the
// trusted-environment setting (published counts are checked in measures-perturbed.test.ts).
describe('measures on the nj27 fixture, exact counts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-m-'));
  const warehouse = join(dir, 'w.duckdb');
  let server: RunningServer;
  let db: Database;
  const get = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<{ rows: Row[] } & Record<string, unknown>>;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', exactCounts: true });
    db = await openDatabase(warehouse, { readOnly: true });
  });
  afterAll(async () => {
    db?.close();
    await server?.close();
  });

  it('serves at least 25 measures, each with unit, direction and source', async () => {
    const { measures } = (await get('/api/measures')) as unknown as { measures: { id: string; unit: string; direction: string; source: string }[] };
    expect(measures.length).toBeGreaterThanOrEqual(25);
    for (const m of measures) {
      expect(m.source.length).toBeGreaterThan(20);
      expect(['higher-is-better', 'lower-is-better']).toContain(m.direction);
    }
  });

  it('matches an age-adjusted rate computed by hand from the mart', async () => {
    const groups = await db.query<{ g: string; x: number; n: number }>(
      `SELECT std_age_group AS g, count(*) FILTER (WHERE has_hypertension) AS x, count(*) AS n
       FROM mart.person_period WHERE grain = 'year' GROUP BY 1`,
    );
    // Groups with no people are dropped and the remaining weights rescaled to sum to 1.
    const totalWeight = groups.reduce((sum, g) => sum + US2000[g.g]!, 0);
    const byHand = 100 * groups.reduce((sum, g) => sum + (US2000[g.g]! / totalWeight) * (g.x / g.n), 0);
    const { rows } = await get('/api/measures/hypertension-prevalence?period=all&adjust=age');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.adjustedRate as number).toBeCloseTo(byHand, 8);
    expect(rows[0]!.adjustedCiLow as number).toBeLessThan(byHand);
    expect(rows[0]!.adjustedCiHigh as number).toBeGreaterThan(byHand);
    const crude = groups.reduce((s, g) => s + g.x, 0) / groups.reduce((s, g) => s + g.n, 0);
    expect(rows[0]!.rate as number).toBeCloseTo(100 * crude, 8);
  });

  it('computes cost PMPM as total cost over member-months, with a delta-method interval', async () => {
    const [sums] = await db.query<{ y: number; x: number; yy: number; xx: number; xy: number; n: number }>(
      `SELECT sum(cost) AS y, sum(member_months) AS x, sum(cost * cost) AS yy, sum(member_months * member_months) AS xx,
              sum(cost * member_months) AS xy, count(*) AS n FROM mart.person_period WHERE grain = 'year'`,
    );
    const r = sums!.y / sums!.x;
    // Cochran (1977) eq. 6.13: v(R) = Σ(y − R·x)² / (n(n − 1)·x̄²)
    const se = Math.sqrt((sums!.yy - 2 * r * sums!.xy + r * r * sums!.xx) / (sums!.n * (sums!.n - 1) * (sums!.x / sums!.n) ** 2));
    const { rows } = await get('/api/measures/cost-pmpm?period=all');
    expect(rows[0]!.rate as number).toBeCloseTo(r, 6);
    expect(rows[0]!.ciHigh as number).toBeCloseTo(r + 1.959963984540054 * se, 6);
  });

  it('computes the top-5% cost share by ranking people by hand', async () => {
    const costs = (await db.query<{ c: number }>(`SELECT cost AS c FROM mart.person_period WHERE grain = 'year' ORDER BY cost DESC`)).map((r) => r.c);
    const top = Math.ceil(costs.length * 0.05);
    const share = (100 * costs.slice(0, top).reduce((a, b) => a + b, 0)) / costs.reduce((a, b) => a + b, 0);
    const { rows } = await get('/api/measures/top-5-percent-cost-share?period=all');
    expect(rows[0]!.rate as number).toBeCloseTo(share, 8);
  });

  it('never shows a count of 1–10, and the period total minus the visible strata never isolates one cell', async () => {
    for (const by of ['sex', 'race', 'ageBand', 'payer', 'county', 'organization']) {
      const strata = (await get(`/api/measures/hypertension-prevalence?period=year&by=${by}`)).rows;
      const totals = (await get('/api/measures/hypertension-prevalence?period=year')).rows;
      for (const row of strata) {
        expect(Object.keys(row), 'the people counts stay on the server').not.toContain('numeratorPeople');
        expect(Object.keys(row)).not.toContain('denominatorPeople');
        for (const v of [row.numerator, row.denominator]) if (v !== null) expect(v === 0 || (v as number) >= 11, `${by} ${row.period}`).toBe(true);
        if (row.suppressed) expect([row.rate, row.ciLow, row.ciHigh]).toEqual([null, null, null]);
      }
      for (const total of totals) {
        if (total.suppressed) continue;
        const inPeriod = strata.filter((r) => r.period === total.period);
        const hidden = inPeriod.filter((r) => r.suppressed);
        expect(hidden.length === 0 || hidden.length >= 2, `${by} ${total.period}: a lone suppressed stratum`).toBe(true);
      }
    }
  });

  it('lists the periods each measure is defined for, and refuses the others with a 400 naming the parameter, the measure and the valid periods', async () => {
    const { measures } = (await get('/api/measures')) as unknown as { measures: { id: string; periods: string[]; periodsReason: string }[] };
    const periodsOf = (id: string) => measures.find((m) => m.id === id)!.periods;
    // Yearly by definition (a measurement year's last reading, one flu season, a yearly visit, a year's spending ranked).
    for (const id of ['hba1c-control', 'hba1c-poor-control', 'blood-pressure-control', 'flu-vaccination', 'wellness-visit-rate', 'top-5-percent-cost-share']) {
      expect(periodsOf(id), id).toEqual(['year', 'all']);
    }
    // Per person-time, per member-month, per stay: any period.
    for (const id of ['ed-visits-per-1000', 'mortality-per-1000', 'diabetes-incidence', 'cost-pmpm', 'readmission-30-day', 'average-length-of-stay', 'diabetes-prevalence']) {
      expect(periodsOf(id), id).toEqual(['year', 'quarter', 'month', 'all']);
    }
    for (const m of measures) expect(m.periodsReason.length, m.id).toBeGreaterThan(40);
    for (const [id, period] of [['hba1c-control', 'quarter'], ['hba1c-control', 'month'], ['flu-vaccination', 'month'], ['top-5-percent-cost-share', 'quarter']] as const) {
      for (const path of [`/api/measures/${id}?period=${period}`, `/api/measures/${id}?period=${period}&by=sex`]) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(400);
        const { error } = (await response.json()) as { error: { code: string; message: string; details: { parameter: string; measure: string; allowed: string[] } } };
        expect(error.code).toBe('invalid_parameter');
        expect(error.details).toEqual({ parameter: 'period', measure: id, allowed: ['year', 'all'] });
        expect(error.message).toContain(`'period'`);
        expect(error.message).toContain(`'${id}'`);
        expect(error.message).toContain('year, all');
      }
    }
    for (const path of ['/api/measures/hba1c-control?period=year', '/api/measures/hba1c-control?period=all', '/api/measures/ed-visits-per-1000?period=month', '/api/measures/cost-pmpm?period=quarter']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    }
  });

  it('gives the annual percent change of the shown yearly rates, fitted by hand', async () => {
    const yearly = (await get('/api/measures/wellness-visit-rate?period=year')).rows.filter((r) => !r.suppressed && (r.rate as number) > 0);
    const apc = apcByHand(yearly.map((r) => [Number(r.period), r.rate as number]));
    const body = (await get('/api/measures/wellness-visit-rate/trend')) as unknown as { trends: { apc: number; years: number; ciLow: number; ciHigh: number }[] };
    expect(body.trends).toHaveLength(1);
    expect(body.trends[0]!.years).toBe(yearly.length);
    expect(body.trends[0]!.apc).toBeCloseTo(apc, 8);
    expect(body.trends[0]!.ciLow).toBeLessThan(body.trends[0]!.apc);
  });

  it('fits the APC over a from–to window only, by hand from the published yearly rates, and keeps measure rows to the window', async () => {
    const meta = (await get('/api/meta')) as unknown as { dateRange: { start: string; end: string } };
    const [first, last] = [Number(meta.dateRange.start.slice(0, 4)), Number(meta.dateRange.end.slice(0, 4))];
    const full = await get('/api/measures/wellness-visit-rate?period=year');
    const shownYears = [...new Set(full.rows.filter((r) => !r.suppressed && (r.rate as number) > 0).map((r) => Number(r.period)))].sort();
    const [from, to] = [shownYears[1]!, shownYears.at(-1)!];
    expect(to - from, 'a window of at least three years').toBeGreaterThanOrEqual(2);
    const windowed = await get(`/api/measures/wellness-visit-rate?period=year&from=${from}&to=${to}`);
    expect(windowed.rows).toEqual(full.rows.filter((r) => Number(r.period) >= from && Number(r.period) <= to));
    expect([windowed.from, windowed.to, full.from, full.to]).toEqual([from, to, first, last]);
    const trend = (await get(`/api/measures/wellness-visit-rate/trend?from=${from}&to=${to}`)) as unknown as { from: number; to: number; trends: { apc: number; years: number }[] };
    const everyYear = (await get('/api/measures/wellness-visit-rate/trend')) as unknown as { trends: { apc: number; years: number }[] };
    expect([trend.from, trend.to]).toEqual([from, to]);
    const points = windowed.rows.filter((r) => !r.suppressed && (r.rate as number) > 0).map((r): [number, number] => [Number(r.period), r.rate as number]);
    expect(trend.trends).toHaveLength(1);
    expect(trend.trends[0]!.years).toBe(points.length);
    expect(trend.trends[0]!.apc).toBeCloseTo(apcByHand(points), 8);
    expect(everyYear.trends[0]!.years, 'the first shown year is outside the window').toBe(points.length + 1);
    expect(everyYear.trends[0]!.apc).not.toBeCloseTo(trend.trends[0]!.apc, 6);
    const quarters = await get(`/api/measures/ed-visits-per-1000?period=quarter&from=${to}&to=${to}`);
    expect(quarters.rows.map((r) => r.period)).toEqual([1, 2, 3, 4].map((q) => `${to}-Q${q}`).filter((p) => quarters.rows.some((r) => r.period === p)));
    expect(quarters.rows.length).toBeGreaterThan(0);
  });

  it('refuses a window outside the data\'s years, reversed, malformed or with period=all, naming the parameter and the valid range', async () => {
    const meta = (await get('/api/meta')) as unknown as { dateRange: { start: string; end: string } };
    const [first, last] = [Number(meta.dateRange.start.slice(0, 4)), Number(meta.dateRange.end.slice(0, 4))];
    const cases: [string, string, string][] = [
      [`from=${first - 1}`, 'from', messages.yearOutOfRange('from', String(first - 1), first, last)],
      [`to=${last + 1}`, 'to', messages.yearOutOfRange('to', String(last + 1), first, last)],
      ['from=20x9', 'from', messages.yearOutOfRange('from', '20x9', first, last)],
      [`from=${last}&to=${first}`, 'from', messages.windowReversed(last, first)],
      [`period=all&from=${first}`, 'from', messages.windowWithAll('from')],
    ];
    for (const [query, parameter, message] of cases) {
      for (const path of [`/api/measures/cost-pmpm?${query}`, `/api/measures/cost-pmpm/trend?${query}`]) {
        if (path.includes('trend') && query.startsWith('period=all')) continue;
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(400);
        const { error } = (await response.json()) as { error: { message: string; details: { parameter: string } } };
        expect(error.details.parameter, path).toBe(parameter);
        expect(error.message, path).toBe(message);
      }
    }
  });

  it('fits the trend of age-adjusted rates with adjust=age, and refuses a period other than year', async () => {
    const yearly = (await get('/api/measures/wellness-visit-rate?period=year&adjust=age')).rows.filter((r) => !r.suppressed && (r.adjustedRate as number) > 0);
    const apc = apcByHand(yearly.map((r) => [Number(r.period), r.adjustedRate as number]));
    const body = (await get('/api/measures/wellness-visit-rate/trend?adjust=age')) as unknown as { adjust: string; trends: { apc: number; years: number }[] };
    expect(yearly.length).toBeGreaterThanOrEqual(3);
    expect(body.adjust).toBe('age');
    expect(body.trends[0]!.years).toBe(yearly.length);
    expect(body.trends[0]!.apc).toBeCloseTo(apc, 8);
    expect((await fetch(`${server.url}/api/measures/hypertension-prevalence/trend?period=year`)).status).toBe(200);
    const quarterly = await fetch(`${server.url}/api/measures/hypertension-prevalence/trend?period=quarter`);
    expect(quarterly.status).toBe(400);
    expect(((await quarterly.json()) as { error: { message: string } }).error.message).toBe(messages.trendIsYearly('quarter'));
  });

  it('keeps the upper limit of an age-adjusted proportion at or below 100%, and lists age groups by age', async () => {
    let truncated = 0;
    for (const id of ['hypertension-prevalence', 'hba1c-control', 'blood-pressure-control', 'flu-vaccination']) {
      for (const row of (await get(`/api/measures/${id}?period=year&by=race&adjust=age`)).rows) {
        if (row.adjustedCiHigh === null || row.adjustedCiHigh === undefined) continue;
        expect(row.adjustedCiHigh as number, `${id} ${row.period} ${row.race}`).toBeLessThanOrEqual(100);
        if (row.adjustedCiHigh === 100) truncated++;
      }
    }
    expect(truncated, 'some Fay–Feuer upper limits of small strata pass 100% and are truncated').toBeGreaterThan(0);
    const order = ['<1', '1-4', '5-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-84', '85+'];
    const listed = ((await get('/api/dimensions')) as unknown as { stdAgeGroup: string[] }).stdAgeGroup;
    expect(listed).toEqual(order.filter((g) => listed.includes(g)));
    const rows = (await get('/api/measures/hypertension-prevalence?period=all&by=stdAgeGroup')).rows.map((r) => String(r.stdAgeGroup));
    expect(rows).toEqual(order.filter((g) => rows.includes(g)));
  });

  it('rejects age adjustment for a cost measure and three stratifiers', async () => {
    const cost = await fetch(`${server.url}/api/measures/cost-pmpm?adjust=age`);
    expect(cost.status).toBe(400);
    expect(((await cost.json()) as { error: { message: string } }).error.message).toMatch(/age adjustment applies to proportions and rates/);
    const three = await fetch(`${server.url}/api/measures/cost-pmpm?by=sex,race,payer`);
    expect(((await three.json()) as { error: { message: string } }).error.message).toBe("Parameter 'by' takes at most two stratifiers, got 3.");
  });
});
