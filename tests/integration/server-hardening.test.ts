// A server that holds up on a network: malformed requests answer 4xx naming the problem (never 500),
// foreign Host headers are refused (DNS rebinding) and responses carry security headers. CSV cells
// that would start a spreadsheet formula: tests/unit/csv-format.test.ts.
import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;

/** A raw HTTP request, so that paths, Host headers and bodies go out exactly as written. */
function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const json = (body: string): Json => JSON.parse(body) as Json;

describe('a server that holds up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-hardening-'));
  let server: RunningServer;

  beforeAll(async () => {
    const warehouse = join(dir, 'w.duckdb');
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: join(dir, 'state') });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['a malformed percent-encoding in a measure id', { path: '/api/measures/%' }],
    ['a malformed percent-encoding in a cohort id', { path: '/api/cohorts/%zz' }],
  ])('answers 400 naming the problem for %s', async (_what, options) => {
    const response = await send(server.url, options);
    expect(response.status).toBe(400);
    expect(json(response.body).error.code).toBe('bad_request');
    expect(json(response.body).error.message).toMatch(/percent-encoding|URL/i);
  });

  it('answers 400 naming the parameter for a malformed percent-encoding in the query', async () => {
    const response = await send(server.url, { path: '/api/measures/diabetes-prevalence?by=%E0%A4%A' });
    expect(response.status).toBe(400);
    expect([json(response.body).error.code, json(response.body).error.details.parameter]).toEqual(['invalid_parameter', 'by']);
  });

  it('answers 400 for a body that says gzip and is not', async () => {
    const response = await send(server.url, { method: 'POST', path: '/api/cohorts/preview', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"criteria":{"sex":"F"}}' });
    expect(response.status).toBe(400);
    expect(json(response.body).error.code).toBe('invalid_body');
  });

  it('still reads a body that is gzip and says so', async () => {
    const response = await send(server.url, { method: 'POST', path: '/api/cohorts/preview', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"criteria":{"sex":"F"}}') });
    expect(response.status).toBe(200);
  });

  it('refuses a lab value beyond the plausible range with 400 naming the field', async () => {
    const body = JSON.stringify({ name: 'x', criteria: { lab: { code: '4548-4', op: '>', value: 1e308 } } });
    const response = await send(server.url, { method: 'POST', path: '/api/cohorts/preview', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(json(response.body).error.code).toBe('invalid_definition');
    expect(json(response.body).error.details.path).toBe('criteria.lab.value');
  });

  it('refuses criteria nested too deep before parsing them, with 400', async () => {
    let criteria: unknown = { sex: 'F' };
    for (let i = 0; i < 832; i++) criteria = { not: criteria };
    const body = JSON.stringify({ name: 'deep', criteria });
    const response = await send(server.url, { method: 'POST', path: '/api/cohorts/preview', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(400);
    expect(json(response.body).error.code).toBe('invalid_definition');
    expect(json(response.body).error.message).toMatch(/nested/);
  });

  it('refuses a foreign Host header (DNS rebinding) and serves its own names', async () => {
    const evil = await send(server.url, { path: '/api/meta', headers: { host: 'evil.example' } });
    expect(evil.status).toBe(421);
    expect(json(evil.body).error.code).toBe('unknown_host');
    for (const host of ['localhost', `127.0.0.1:${new URL(server.url).port}`, `localhost:${new URL(server.url).port}`]) {
      expect((await send(server.url, { path: '/api/health', headers: { host } })).status, host).toBe(200);
    }
  });

  it('sends security headers with every response', async () => {
    for (const path of ['/', '/api/health', '/api/no-such-endpoint']) {
      const response = await send(server.url, { path });
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
      expect(response.headers['referrer-policy'], path).toBe('no-referrer');
      expect(response.headers['x-frame-options'], path).toBe('DENY');
      expect(String(response.headers['content-security-policy']), path).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    }
  });
});
