// The server's drawing of a dashboard trend chart (POST /api/charts/trend.svg) and county map
// (POST /api/charts/county-map.svg), a page's first paint: on a real server, the SVG draws what it was
// sent (a line per stratum, broken at a suppressed period; a point per shown cell; every county of the
// data's state, coloured or hatched; the width asked for), a fault names its field, and with sign-in
// on nobody signed out can call it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import type { MeasureRow } from '../../core/api/api-types.ts';
import type { TrendChart } from '../../core/charts/trend-chart.ts';
import type { CountyMapChart } from '../../core/charts/county-map-chart.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

const cell = (sex: string, year: number, rate: number, suppressed = false): MeasureRow =>
  suppressed
    ? { period: String(year), sex, numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, suppressionReason: 'small-cell' }
    : { period: String(year), sex, numerator: rate * 10, denominator: 1000, rate, ciLow: rate - 2, ciHigh: rate + 2, suppressed: false };

// Two strata over four years; the men's 2022 is suppressed: their line breaks there.
const rows = [cell('F', 2020, 10), cell('F', 2021, 12), cell('F', 2022, 11), cell('F', 2023, 13), cell('M', 2020, 9), cell('M', 2021, 10), cell('M', 2022, 0, true), cell('M', 2023, 12)];
const chart: TrendChart = { input: { rows, period: 'year', by: 'sex', unit: 'percent', unitLabel: 'people', height: 240, focusable: true } };

describe("the server draws a page's first charts", () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-chart-'));
  let open: RunningServer;
  let signedIn: RunningServer;

  beforeAll(async () => {
    const warehouse = join(dir, 'w.duckdb');
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    // Exact counts: the fixture's 27 people leave no county listed (and so no map) otherwise.
    open = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(dir, 'state-open'), reports: false, exactCounts: true });
    signedIn = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(dir, 'state-signed'), signIn: {}, reports: false, warmUp: false });
  });
  afterAll(async () => {
    await open?.close();
    await signedIn?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const draw = (server: RunningServer, body: unknown, path = '/api/charts/trend.svg') =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'image/svg+xml' }, body: JSON.stringify(body) });

  it('as SVG of the width asked for: a line segment per unbroken run of each stratum, a point per shown cell', async () => {
    const response = await draw(open, { chart, width: 600 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await response.text();
    expect(svg.match(/^<svg[^>]*>/)![0]).toMatch(/ width="600"/);
    // Women: one run of four years. Men: 2020–2021, then 2023 alone (2022 is suppressed): three runs in all.
    const lines = [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)].flatMap(([, inner]) => inner!.match(/<path /g) ?? []);
    expect(lines.length).toBe(3);
    // Seven cells shown (eight less the suppressed one), each a point that says its stratum, year and rate.
    const points = svg.match(/<g class="mark-symbol role-mark points_marks"[^>]*>(.*?)<\/g>/s)![1]!;
    const said = [...points.matchAll(/aria-label="([^",]*, \d{4}): rate ([\d.]+)%/g)].map(([, point, rate]) => `${point} ${rate}`);
    expect(said).toEqual(['Female, 2020 10.0', 'Female, 2021 12.0', 'Female, 2022 11.0', 'Female, 2023 13.0', 'Male, 2020 9.0', 'Male, 2021 10.0', 'Male, 2023 12.0']);
    expect(svg).toContain('1 cell suppressed');
    expect(svg).not.toContain('<script');
  });

  it('names the field of a fault and what was expected there', async () => {
    const badRate = structuredClone(chart) as unknown as { input: { rows: Record<string, unknown>[] } };
    badRate.input.rows[1]!.rate = 'high';
    let response = await draw(open, { chart: badRate, width: 600 });
    let body = (await response.json()) as { error: { code: string; message: string; details: { parameter: string } } };
    expect(response.status).toBe(400);
    expect(body.error.details.parameter).toBe('chart.input.rows[1].rate');
    expect(body.error.message).toContain('chart.input.rows[1].rate');

    response = await draw(open, { chart, width: 100_000 });
    body = (await response.json()) as typeof body;
    expect([response.status, body.error.details.parameter]).toEqual([400, 'width']);

    response = await draw(open, { chart: { ...chart, input: { ...chart.input, url: 'http://example.org/data.json' } }, width: 600 });
    body = (await response.json()) as typeof body;
    expect([response.status, body.error.details.parameter]).toEqual([400, 'chart.input.url']);
  });

  it("draws a county map over the data's state: every county of Massachusetts, the one with a rate coloured and saying it, the suppressed one hatched", async () => {
    // Two counties of the fixture's state; every other county has no row ("no estimate").
    const map: CountyMapChart = {
      input: {
        rows: [
          { period: '2023', county: 'Essex County', numerator: 125, denominator: 1000, rate: 12.5, ciLow: 10.5, ciHigh: 14.5, suppressed: false },
          { period: '2023', county: 'Middlesex County', numerator: null, denominator: null, rate: null, ciLow: null, ciHigh: null, suppressed: true, suppressionReason: 'small-cell' },
        ],
        unit: 'percent',
        unitLabel: 'people',
        period: '2023',
        height: 380,
        focusable: true,
      },
    };
    const response = await draw(open, { chart: map, width: 900 }, '/api/charts/county-map.svg');
    expect(response.status).toBe(200);
    const svg = await response.text();
    expect(svg.match(/^<svg[^>]*>/)![0]).toMatch(/ width="900"/);
    const counties = svg.match(/<g class="mark-shape role-mark counties_marks"[^>]*>(.*?)<\/g>/s)![1]!;
    // The fixture's people live in Massachusetts, which has 14 counties (Census Bureau): one outline each.
    expect(counties.match(/<path /g)).toHaveLength(14);
    const essex = [...counties.matchAll(/<path [^>]*aria-label="([^"]*)"[^>]*fill="([^"]*)"/g)].find(([, label]) => label!.includes('Essex County'));
    expect(essex![1]).toContain('12.5');
    expect(essex![2]).not.toBe('#e4e7eb');
    // Middlesex alone is hatched: one outline of lines.
    const hatching = svg.match(/<g class="mark-shape role-mark suppressed_hatching_marks"[^>]*>(.*?)<\/g>/s)![1]!;
    expect(hatching.match(/<path /g)).toHaveLength(1);
    expect(svg).not.toContain('<script');

    const noPeriod = structuredClone(map) as unknown as { input: Record<string, unknown> };
    delete noPeriod.input.period;
    const fault = await draw(open, { chart: noPeriod, width: 900 }, '/api/charts/county-map.svg');
    const body = (await fault.json()) as { error: { details: { parameter: string } } };
    expect([fault.status, body.error.details.parameter]).toEqual([400, 'chart.input.period']);
  });

  it('refuses a caller who is not signed in, when sign-in is on', async () => {
    const response = await draw(signedIn, { chart, width: 600 });
    expect(response.status).toBe(401);
    expect((await draw(signedIn, { chart: { input: {} }, width: 600 }, '/api/charts/county-map.svg')).status).toBe(401);
  });
});
