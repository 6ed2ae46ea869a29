// The cheap paths of cached responses answer exactly as the full paths do: a remembered measure
// request (no re-validation), fixed JSON bodies serialized once, and a cohort URL never remembered.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { canonicalQuery, sendCached, sendRemembered } from '../../server/http/conditional-get.ts';
import { fixedJsonSender } from '../../server/http/fixed-json.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

/** Status, headers (Date left out) and body of a response. */
async function snapshot(response: Response) {
  const headers = [...response.headers].filter(([name]) => name !== 'date');
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()).toString('base64') };
}

async function listen(app: express.Express): Promise<{ url: string; close: () => void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

/** An app whose GET /t?q= goes the way a measure route does: sendRemembered, else validate and sendCached. */
function cachedRouteApp(cache: ResponseCache, counts: { validations: number; renders: number }): express.Express {
  const app = express();
  app.get('/t', async (request, response) => {
    const requestKey = `json ${request.originalUrl} v1`;
    if (sendRemembered(request, response, cache, requestKey)) return;
    counts.validations++;
    await sendCached(request, response, {
      cache,
      requestKey,
      identity: { dataVersion: 'v1', query: canonicalQuery({ q: String(request.query.q ?? '') }), format: 'json' },
      render: async () => (counts.renders++, { body: Buffer.from(`{"q":"${String(request.query.q)}"}`), contentType: 'application/json; charset=utf-8' }),
    });
  });
  return app;
}

describe('sendRemembered', () => {
  const counts = { validations: 0, renders: 0 };
  let url = '';
  let close: () => void;
  const cache = new ResponseCache({ maxEntries: 1 });
  beforeAll(async () => {
    ({ url, close } = await listen(cachedRouteApp(cache, counts)));
  });
  afterAll(() => close?.());

  it('answers a repeated URL from the cache without validating it again, with the same headers and body', async () => {
    const first = await snapshot(await fetch(`${url}/t?q=1`));
    const again = await snapshot(await fetch(`${url}/t?q=1`));
    expect(again).toEqual(first);
    expect([counts.validations, counts.renders]).toEqual([1, 1]);
    const etag = first.headers.find(([name]) => name === 'etag')![1];
    const notModified = await fetch(`${url}/t?q=1`, { headers: { 'If-None-Match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(etag);
    expect([counts.validations, counts.renders]).toEqual([1, 1]);
  });

  it('goes the long way again once the body has left the cache', async () => {
    await fetch(`${url}/t?q=2`); // evicts q=1 (one entry)
    const before = [counts.validations, counts.renders];
    expect(await (await fetch(`${url}/t?q=1`)).text()).toBe('{"q":"1"}');
    expect([counts.validations, counts.renders]).toEqual([before[0]! + 1, before[1]! + 1]);
  });
});

describe('a response cache with no room (serve --cache-mb 0)', () => {
  const counts = { validations: 0, renders: 0 };
  let url = '';
  let close: () => void;
  const cache = new ResponseCache({ maxBytes: 0 });
  beforeAll(async () => {
    ({ url, close } = await listen(cachedRouteApp(cache, counts)));
  });
  afterAll(() => close?.());

  it('renders every request afresh, keeps nothing, and still answers a current ETag with 304', async () => {
    expect(cache.enabled).toBe(false);
    const first = await snapshot(await fetch(`${url}/t?q=1`));
    const again = await snapshot(await fetch(`${url}/t?q=1`));
    expect(again).toEqual(first);
    expect([counts.validations, counts.renders]).toEqual([2, 2]);
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
    const etag = first.headers.find(([name]) => name === 'etag')![1];
    expect((await fetch(`${url}/t?q=1`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect(counts.renders).toBe(2);
  });
});

describe('fixedJsonSender', () => {
  const value = { measures: [{ id: 'a', title: 'Ä – “quoted”', n: 1.5 }], empty: null };
  let url = '';
  let close: () => void;
  beforeAll(async () => {
    const app = express();
    const sendJson = fixedJsonSender();
    app.get('/json', (_request, response) => void response.json(value));
    app.get('/fixed', (request, response) => sendJson(request, response, value));
    ({ url, close } = await listen(app));
  });
  afterAll(() => close?.());

  it('sends what response.json() sends: bytes, headers, 304 and HEAD', async () => {
    const etag = (await fetch(`${url}/json`)).headers.get('etag')!;
    const cases: [string, RequestInit][] = [
      ['plain', {}],
      ['matching If-None-Match', { headers: { 'If-None-Match': etag } }],
      ['If-None-Match with no-cache', { headers: { 'If-None-Match': etag, 'Cache-Control': 'no-cache' } }],
      ['other If-None-Match', { headers: { 'If-None-Match': '"other"' } }],
      ['HEAD', { method: 'HEAD' }],
    ];
    for (const [what, init] of cases) {
      for (let round = 0; round < 2; round++) {
        expect(await snapshot(await fetch(`${url}/fixed`, init)), what).toEqual(await snapshot(await fetch(`${url}/json`, init)));
      }
    }
  });
});

describe('a measure filtered by a saved cohort', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-cached-hits-'));
  const warehouse = join(dir, 'w.duckdb');
  let server: RunningServer;
  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(dir, 'state') });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers a repeat of the same measure URL with the same response', async () => {
    const path = '/api/measures/hypertension-prevalence?by=sex&period=year';
    const first = await snapshot(await fetch(`${server.url}${path}`));
    expect(first.status).toBe(200);
    expect(await snapshot(await fetch(`${server.url}${path}`))).toEqual(first);
  });

  it('answers 404 once the cohort is deleted, even for a URL answered before', async () => {
    const saved = await fetch(`${server.url}/api/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Everyone', criteria: { any: [{ sex: 'F' }, { sex: 'M' }] } }),
    });
    const { id } = (await saved.json()) as { id: string };
    const path = `/api/measures/hypertension-prevalence?period=all&cohort=${id}`;
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/cohorts/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });
});
