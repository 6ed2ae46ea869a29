// GET /api/geography/counties on a real loaded warehouse (the fixture's people live in Massachusetts): the outlines of
// that state's counties only, which the county maps draw instead of shipping every US county.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { createApp } from '../../server/app.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

// Massachusetts: state FIPS 25, 14 counties (Census Bureau, FIPS codes 25001–25027, odd numbers).
const MASSACHUSETTS = { fips: '25', counties: 14 };

describe('county outlines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-outlines-'));
  const warehouse = join(dir, 'w.duckdb');
  let live: LiveWarehouse;
  let url = '';
  let close = () => {};

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    live = await openLiveWarehouse(warehouse);
    // Exact counts: the fixture's 27 people hold no county value 11 or more times, so the protected
    // dimensions list none (and the maps draw nothing); exact ones list every county.
    const server = createApp({ warehouse: live, exactCounts: true, log: () => undefined }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  }, 300_000);
  afterAll(() => {
    close();
    live?.close();
  });

  it("sends every county of the warehouse's state and no other, small enough for a first visit", async () => {
    const response = await fetch(`${url}/api/geography/counties`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as { type: string; stateFips: string; features: { id: string; properties: { name: string }; geometry: { type: string } }[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.stateFips).toBe(MASSACHUSETTS.fips);
    expect(body.features).toHaveLength(MASSACHUSETTS.counties);
    expect(body.features.every((f) => f.id.length === 5 && f.id.startsWith(MASSACHUSETTS.fips))).toBe(true);
    expect(new Set(body.features.map((f) => f.id)).size).toBe(MASSACHUSETTS.counties);
    expect(text.length).toBeLessThan(100_000);
    // Each county the dimensions list is one of the outlines ("Barnstable County" → "Barnstable").
    const { county } = (await (await fetch(`${url}/api/dimensions`)).json()) as { county: string[] };
    const names = new Set(body.features.map((f) => f.properties.name));
    expect(county.length).toBeGreaterThan(0);
    for (const name of county) expect(names, name).toContain(name.replace(/ County$/, ''));
  });

  it('sends no outline when no county value names a county (none listed)', async () => {
    const protectedServer = createApp({ warehouse: live, log: () => undefined }).listen(0, '127.0.0.1');
    await new Promise((resolve) => protectedServer.once('listening', resolve));
    try {
      const port = (protectedServer.address() as { port: number }).port;
      const { county } = (await (await fetch(`http://127.0.0.1:${port}/api/dimensions`)).json()) as { county: string[] };
      const body = (await (await fetch(`http://127.0.0.1:${port}/api/geography/counties`)).json()) as { stateFips: string | null; features: unknown[] };
      expect(county).toEqual([]);
      expect(body).toMatchObject({ stateFips: null, features: [] });
    } finally {
      protectedServer.close();
    }
  });
});
