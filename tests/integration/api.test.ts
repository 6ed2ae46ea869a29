import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../helpers/test-server.ts';

// An independent Wilson score interval (Newcombe 1998, method 3), written out here so the API's
// numbers are checked against the published formula, not against the code that produced them.
function wilson(x: number, n: number, z = 1.959963984540054) {
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - half) / (1 + (z * z) / n), (centre + half) / (1 + (z * z) / n)];
}

type Row = { period: string; sex?: string; numerator: number | null; denominator: number | null; rate: number | null; ciLow: number | null; ciHigh: number | null; suppressed: boolean };

describe('the measures API on a generated population', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  const get = async (path: string) => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    server = await startDemoServer({ people: 3_000, seed: 11 });
  });
  afterAll(() => server?.close());

  it('answers health, meta and the catalog', async () => {
    expect((await get('/api/health')).body).toEqual({ status: 'ok' });
    const meta = (await get('/api/meta')).body;
    expect(meta.dateRange).toEqual({ start: '2016-01-01', end: '2025-12-31' });
    expect(meta.people).toBeGreaterThan(2_500);
    const ids = (await get('/api/measures')).body.measures.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['diabetes-prevalence', 'hypertension-prevalence', 'ed-visits-per-1000']));
  });

  it('gives diabetes prevalence for every year 2016–2025 and each sex, rate = numerator / denominator in percent', async () => {
    const { status, body } = await get('/api/measures/diabetes-prevalence?period=year&by=sex');
    expect(status).toBe(200);
    expect(body.measure.unit).toBe('percent');
    const rows = body.rows as Row[];
    const cells = rows.map((r) => `${r.period}/${r.sex}`).sort();
    const expected = Array.from({ length: 10 }, (_, i) => [`${2016 + i}/F`, `${2016 + i}/M`]).flat();
    expect(cells).toEqual(expected);
    for (const row of rows) {
      expect(row.suppressed).toBe(false);
      expect(row.numerator!).toBeLessThanOrEqual(row.denominator!);
      expect(row.rate!).toBeCloseTo((100 * row.numerator!) / row.denominator!, 10);
      const [low, high] = wilson(row.numerator!, row.denominator!);
      expect(row.ciLow!).toBeCloseTo(100 * low, 8);
      expect(row.ciHigh!).toBeCloseTo(100 * high, 8);
    }
  });

  it('gives ED visits per 1,000 member-years from the published counts, each count within the noise bound of the sum of its strata', async () => {
    const total = (await get('/api/measures/ed-visits-per-1000?period=year')).body.rows as Row[];
    const bySex = (await get('/api/measures/ed-visits-per-1000?period=year&by=sex')).body.rows as Row[];
    let differing = 0;
    for (const row of total) {
      expect(row.rate!).toBeCloseTo((1000 * row.numerator!) / row.denominator!, 8);
      const strata = bySex.filter((r) => r.period === row.period);
      // Each published count is its true count ± at most 5 (D = 5), so three of them differ by at most 15.
      const sum = strata.reduce((s, r) => s + r.numerator!, 0);
      expect(Math.abs(sum - row.numerator!)).toBeLessThanOrEqual(15);
      if (sum !== row.numerator) differing++;
    }
    // Perturbed independently: over ten years the total is rarely the exact sum of its strata every time.
    expect(differing).toBeGreaterThan(0);
    const rates = total.map((r) => r.rate!);
    expect(Math.min(...rates)).toBeGreaterThan(100);
    expect(Math.max(...rates)).toBeLessThan(1_000);
  });

  it('filters by a dimension value and stratifies by quarter', async () => {
    const { body } = await get('/api/measures/hypertension-prevalence?period=quarter&sex=F');
    expect(body.rows[0].period).toBe('2016-Q1');
    expect(body.rows).toHaveLength(40);
    expect(body.filters).toEqual({ sex: 'F' });
  });

  it('never shows a count of 1–10 people', async () => {
    const { body } = await get('/api/measures/diabetes-prevalence?period=month&by=county');
    for (const row of body.rows as Row[]) {
      for (const value of [row.numerator, row.denominator]) if (value !== null) expect(value === 0 || value >= 11).toBe(true);
    }
    expect((body.rows as Row[]).some((r) => r.suppressed)).toBe(true);
  });

  it('answers a filtered table exactly as the matching slice of the cross-table: the same people draw the same noise', async () => {
    const cross = (await get('/api/measures/diabetes-prevalence?period=year&by=ageBand,race')).body.rows as (Row & { ageBand: string; race: string })[];
    expect(cross.some((r) => r.suppressed)).toBe(true);
    for (const race of [...new Set(cross.map((r) => r.race))]) {
      const filtered = (await get(`/api/measures/diabetes-prevalence?period=year&by=ageBand&race=${race}`)).body.rows as (Row & { ageBand: string })[];
      const slice = new Map(cross.filter((r) => r.race === race).map(({ race: _r, ...rest }) => [`${rest.period}/${rest.ageBand}`, rest]));
      for (const row of filtered) expect(row).toEqual(slice.get(`${row.period}/${row.ageBand}`));
      // An age band nobody of this race is in appears in the cross-table only, as a zero cell.
      const answered = new Set(filtered.map((r) => `${r.period}/${r.ageBand}`));
      for (const [id, row] of slice) if (!answered.has(id)) expect(row.denominator).toBe(0);
    }
  });


  it('rejects an invalid parameter with a 400 naming it and the allowed values', async () => {
    const period = await get('/api/measures/diabetes-prevalence?period=week');
    expect(period.status).toBe(400);
    expect(period.body.error.message).toBe("Invalid value 'week' for parameter 'period': expected one of year, quarter, month, all.");
    const by = await get('/api/measures/diabetes-prevalence?by=shoeSize');
    expect(by.status).toBe(400);
    expect(by.body.error.message).toMatch(/parameter 'by': expected one of sex, ageBand, stdAgeGroup, race, ethnicity, payer, county, zip3, organization\./);
    const filter = await get('/api/measures/diabetes-prevalence?sex=X');
    expect(filter.body.error.message).toBe("Invalid value 'X' for parameter 'sex': expected one of F, M.");
    expect((await get('/api/measures/nope')).status).toBe(404);
  });
});

describe('the measures API with exact counts (the trusted-environment setting)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  beforeAll(async () => {
    server = await startDemoServer({ people: 1_000, seed: 11, exactCounts: true });
  });
  afterAll(() => server?.close());

  it('says so in every result, and keeps the period total equal to the sum of the strata', async () => {
    const total = await (await fetch(`${server.url}/api/measures/ed-visits-per-1000?period=year`)).json();
    const bySex = await (await fetch(`${server.url}/api/measures/ed-visits-per-1000?period=year&by=sex`)).json();
    expect(total.disclosure).toBe('exact');
    for (const row of total.rows as Row[]) {
      const strata = (bySex.rows as Row[]).filter((r) => r.period === row.period);
      if (!row.suppressed && strata.every((r) => !r.suppressed)) expect(strata.reduce((sum, r) => sum + r.numerator!, 0)).toBe(row.numerator);
    }
  });

  it('refuses a request whose cross-table is too large to check, saying how to narrow it', async () => {
    const response = await fetch(`${server.url}/api/measures/diabetes-prevalence?period=month&by=county,ageBand&race=white&payer=Medicaid&sex=F`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/disclosure check over [\d,]+ cells .* use a coarser period or fewer filters/);
  });
});
