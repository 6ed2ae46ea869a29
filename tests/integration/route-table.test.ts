// The route tables: every route declares who may call it, the access policy is asked for that role
// before the handler runs (so before the response cache too), and a known path called with a method
// it does not have answers 405 with Allow.
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { createApp } from '../../server/app.ts';
import type { AccessPolicy } from '../../server/routing/access.ts';
import { ROLES, type Role } from '../../server/routing/route-table.ts';
import { openLiveWarehouse, type LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;

describe('route tables and the access policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-routes-'));
  let warehouse: LiveWarehouse;
  let server: Server;
  let base: string;
  /** Roles the test's policy refuses right now, and every role it was asked about, in order. */
  const refused = new Set<Role>();
  const asked: string[] = [];
  const policy: AccessPolicy = {
    require: (role) => (request, response, next) => {
      asked.push(`${request.method} ${request.path} ${role}`);
      if (refused.has(role)) response.status(403).json({ error: { code: 'forbidden', message: `needs ${role}` } });
      else next();
    },
  };

  beforeAll(async () => {
    const file = join(dir, 'w.duckdb');
    await loadExtract({ source: NJ27, warehouse: file, secretsFile: join(dir, 'key') }, quietLoadDeps);
    warehouse = await openLiveWarehouse(file);
    server = createApp({ warehouse, access: policy, log: () => undefined }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    warehouse?.close();
  });

  it('documents a known role for every operation', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as Json;
    const roles = Object.values(doc.paths as Json).flatMap((item: Json) => Object.values(item).map((operation: Json) => operation['x-required-role']));
    expect(roles.length).toBeGreaterThan(10);
    for (const role of roles) expect(ROLES).toContain(role);
    expect(doc.paths['/health'].get['x-required-role']).toBe('anyone');
    expect(doc.paths['/cohorts'].post['x-required-role']).toBe('analyst');
    expect(doc.paths['/measures/{id}'].get['x-required-role']).toBe('viewer');
  });

  it('asks the policy for the route’s role before the handler, and before the response cache', async () => {
    const url = `${base}/api/measures/diabetes-prevalence?by=sex`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200); // now answered from the cache
    refused.add('viewer');
    try {
      const denied = await fetch(url);
      expect(denied.status).toBe(403);
      expect(((await denied.json()) as Json).error.code).toBe('forbidden');
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      refused.delete('viewer');
    }
    expect(asked.filter((line) => line === 'GET /measures/diabetes-prevalence viewer')).toHaveLength(3);
  });

  it('refuses a write before it reaches the handler', async () => {
    // Without state this app would answer 503 (nothing can be saved); the refusal comes first.
    refused.add('analyst');
    try {
      const response = await fetch(`${base}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x","criteria":{"sex":"F"}}' });
      expect(response.status).toBe(403);
    } finally {
      refused.delete('analyst');
    }
    const open = await fetch(`${base}/api/cohorts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x","criteria":{"sex":"F"}}' });
    expect([open.status, ((await open.json()) as Json).error.code]).toEqual([503, 'no_state_directory']);
  });

  it('answers 405 with Allow for a method a known path does not have, and 404 for an unknown path', async () => {
    const put = await fetch(`${base}/api/measures/diabetes-prevalence`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect(((await put.json()) as Json).error.code).toBe('method_not_allowed');
    const putCohort = await fetch(`${base}/api/cohorts/abc`, { method: 'PUT' });
    expect([putCohort.status, putCohort.headers.get('allow')]).toEqual([405, 'GET, PATCH, DELETE, HEAD']);
    const unknown = await fetch(`${base}/api/no-such-thing`);
    expect([unknown.status, ((await unknown.json()) as Json).error.code]).toEqual([404, 'not_found']);
  });
});
