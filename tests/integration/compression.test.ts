// Compressed delivery, on a real server over node:http (fetch would add Accept-Encoding and decode
// on its own): gzip and brotli bodies decode to the identity bytes, no Accept-Encoding gives identity,
// every response varies by Accept-Encoding, and ETags, 304s and cached hits follow the coding.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../../cli/build-client.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { negotiateCoding } from '../../server/http/content-coding.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

describe('compressed responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-gzip-'));
  let server: RunningServer;
  let clientDir: string;

  beforeAll(async () => {
    const warehouse = join(dir, 'w.duckdb');
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    clientDir = await ensureClientBuilt(() => undefined);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', clientDir });
  });
  afterAll(async () => {
    await server?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, server.url);
      const req = httpRequest(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  const varies = (answer: Answer) => String(answer.headers.vary).split(',').map((v) => v.trim().toLowerCase());

  it('chooses br, else gzip, as the Accept-Encoding header allows', () => {
    expect(negotiateCoding('gzip, deflate, br')).toBe('br');
    expect(negotiateCoding('gzip, deflate')).toBe('gzip');
    expect(negotiateCoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateCoding('gzip;q=0')).toBeNull();
    expect(negotiateCoding('*')).toBe('br');
    expect(negotiateCoding('identity')).toBeNull();
    expect(negotiateCoding(undefined)).toBeNull();
  });

  it.each(['/api/measures/diabetes-prevalence?by=sex', '/api/measures', '/api/meta', '/api/measures/cost-pmpm/trend', '/api/openapi.json'])(
    'sends %s gzip-coded to Accept-Encoding gzip, decoding to the same JSON as the identity body',
    async (path) => {
      const identity = await get(path);
      expect(identity.status).toBe(200);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(varies(identity)).toContain('accept-encoding');
      const json = JSON.parse(identity.body.toString('utf8'));
      const gzip = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(varies(gzip)).toContain('accept-encoding');
      expect(gunzipSync(gzip.body).equals(identity.body)).toBe(true);
      expect(JSON.parse(gunzipSync(gzip.body).toString('utf8'))).toEqual(json);
      expect(Number(gzip.headers['content-length'])).toBe(gzip.body.length);
      const br = await get(path, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(identity.body)).toBe(true);
    },
  );

  it('gives each coding its own ETag, answers If-None-Match with 304 carrying the same tag, and serves cached hits coded', async () => {
    const path = '/api/measures/hypertension-prevalence?by=race&period=quarter';
    const identity = await get(path);
    const tag = String(identity.headers.etag);
    const first = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(first.headers.etag).toBe(`${tag.slice(0, -1)}-gzip"`);
    // A cached hit: the same bytes, coded.
    const hit = await get(path, { 'Accept-Encoding': 'gzip' });
    expect(hit.status).toBe(200);
    expect(hit.body.equals(first.body)).toBe(true);
    expect(gunzipSync(hit.body).equals(identity.body)).toBe(true);
    const notModified = await get(path, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(first.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(varies(notModified)).toContain('accept-encoding');
    const identityNotModified = await get(path, { 'If-None-Match': tag });
    expect(identityNotModified.status).toBe(304);
    expect(identityNotModified.headers.etag).toBe(tag);
    expect((await get(path, { 'Accept-Encoding': 'gzip', 'If-None-Match': '"other-gzip"' })).status).toBe(200);
    // The fixed JSON of the catalog: Express's own weak tag, with the coding.
    const catalog = await get('/api/measures', { 'Accept-Encoding': 'gzip' });
    expect(String(catalog.headers.etag)).toMatch(/^W\/".+-gzip"$/);
    expect((await get('/api/measures', { 'Accept-Encoding': 'gzip', 'If-None-Match': String(catalog.headers.etag) })).status).toBe(304);
  });

  it('codes CSV and error bodies too', async () => {
    const path = '/api/measures/diabetes-prevalence?by=sex';
    const csv = await get(path, { Accept: 'text/csv' });
    const gzipCsv = await get(path, { Accept: 'text/csv', 'Accept-Encoding': 'gzip' });
    expect(gzipCsv.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipCsv.body).toString('utf8')).toBe(csv.body.toString('utf8'));
    const error = await get('/api/measures/hba1c-control?period=month', { 'Accept-Encoding': 'gzip' });
    expect(error.status).toBe(400);
    expect(JSON.parse(gunzipSync(error.body).toString('utf8')).error.details.parameter).toBe('period');
  });

  it('sends the dashboard\'s scripts and page compressed, decoding to the built files, and as files without Accept-Encoding', async () => {
    const assets = readdirSync(join(clientDir, 'assets')).filter((name) => name.endsWith('.js'));
    const largest = assets.sort((a, b) => statSync(join(clientDir, 'assets', b)).size - statSync(join(clientDir, 'assets', a)).size)[0]!;
    const bytes = readFileSync(join(clientDir, 'assets', largest));
    const gzip = await get(`/assets/${largest}`, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(String(gzip.headers['content-type'])).toMatch(/javascript/);
    expect(gunzipSync(gzip.body).equals(bytes)).toBe(true);
    expect(gzip.body.length).toBeLessThan(bytes.length / 2);
    expect(varies(gzip)).toContain('accept-encoding');
    expect((await get(`/assets/${largest}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(gzip.headers.etag) })).status).toBe(304);
    const identity = await get(`/assets/${largest}`);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.equals(bytes)).toBe(true);
    const page = readFileSync(join(clientDir, 'index.html'));
    for (const path of ['/', '/explore?measure=x']) {
      const html = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(html.headers['content-encoding'], path).toBe('gzip');
      expect(html.headers['cache-control']).toBe('no-cache');
      expect(gunzipSync(html.body).equals(page), path).toBe(true);
    }
    // Brotli is made in the background on first use, then sent.
    let br: Answer | undefined;
    for (let i = 0; i < 50 && br?.headers['content-encoding'] !== 'br'; i++) {
      br = await get(`/assets/${largest}`, { 'Accept-Encoding': 'br, gzip' });
      if (br.headers['content-encoding'] !== 'br') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(br!.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br!.body).equals(bytes)).toBe(true);
  });

  it("sends the build's own brotli copy of an asset from the first request, so no visitor waits for compression", async () => {
    const style = readdirSync(join(clientDir, 'assets')).find((name) => name.endsWith('.css'))!;
    const bytes = readFileSync(join(clientDir, 'assets', style));
    const first = await get(`/assets/${style}`, { 'Accept-Encoding': 'br, gzip' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(first.body).equals(bytes)).toBe(true);
    expect(first.body.equals(readFileSync(join(clientDir, 'assets', `${style}.br`)))).toBe(true);
  });
});
