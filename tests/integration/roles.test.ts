// Roles on a real server with sign-in: the test walks every operation of the OpenAPI document (built
// from the route tables, as tests/integration/route-table.test.ts reads them) and calls each with no
// credentials and with an API token of each role. A route refuses every role below its own (401
// without credentials, with WWW-Authenticate; 403 below) and does not refuse its own role or one
// above it (any status but 401 and 403: a 400 for an empty body or a 404 for an unknown id is fine).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import { ACCOUNT_ROLES, type AccountRole } from '../../core/accounts/roles.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { ROLES, type Role } from '../../server/routing/route-table.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  method: string;
  path: string;
  role: Role;
  url: string;
  byFormat: Record<string, Role>;
  byParameter: Record<string, Role>;
}

/** The operations of the document, with a URL whose path parameters are filled (a listed value when the schema has one). */
function operationsOf(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]: [string, Json]) => {
        const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const parameter = (operation.parameters ?? []).find((p: Json) => p.in === 'path' && p.name === name);
          return encodeURIComponent(String(parameter?.schema?.enum?.[0] ?? 'no-such-id'));
        });
        return {
          method: method.toUpperCase(), path, role: operation['x-required-role'] as Role, url: `/api${filled}`,
          byFormat: operation['x-required-role-by-format'] ?? {}, byParameter: operation['x-required-role-by-parameter'] ?? {},
        };
      }),
  );
}

const rank = (role: Role) => ROLES.indexOf(role);

describe('roles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-roles-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  let server: RunningServer;
  let operations: Operation[];
  const tokens = {} as Record<AccountRole, string>;

  const call = (operation: Operation, token?: string, extraHeaders: Record<string, string> = {}) => {
    const headers: Record<string, string> = { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extraHeaders };
    const hasBody = !['GET', 'DELETE'].includes(operation.method);
    if (hasBody) headers['Content-Type'] = 'application/json';
    return fetch(`${server.url}${operation.url}`, { method: operation.method, headers, body: hasBody ? '{}' : undefined });
  };

  // GET /session answers 401 by design when nobody is signed in (it refuses nothing), and GET
  // /session/link to a one-time link it does not know (these calls carry none).
  const answers401ByDesign = (operation: Operation) => operation.method === 'GET' && ['/session', '/session/link'].includes(operation.path);

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    for (const role of ACCOUNT_ROLES) tokens[role] = (await apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes }).create({ role, label: `roles test ${role}`, restriction: { all: true } })).token;
    await store.close();
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true });
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    operations = operationsOf((await response.json()) as Json);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reads every route table from the document, each operation with a known role', () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const operation of operations) expect(ROLES, `${operation.method} ${operation.path}`).toContain(operation.role);
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'GET /measures/{id}', 'POST /cohorts', 'DELETE /cohorts/{id}', 'GET /audit', 'POST /session', 'GET /session', 'DELETE /session']));
    // Every level is represented, so each refusal below is exercised.
    expect(new Set(operations.map((o) => o.role))).toEqual(new Set(ROLES));
  });

  it('answers 401 with WWW-Authenticate to a caller without credentials on every route above anyone', async () => {
    for (const operation of operations) {
      const response = await call(operation);
      const where = `${operation.method} ${operation.url} (${operation.role})`;
      await response.arrayBuffer();
      if (operation.role === 'anyone') {
        expect(response.status, where).not.toBe(403);
        if (!answers401ByDesign(operation)) expect(response.status, where).not.toBe(401);
      } else {
        expect(response.status, where).toBe(401);
        expect(response.headers.get('www-authenticate'), where).toMatch(/^Bearer /);
      }
    }
  });

  for (const held of ACCOUNT_ROLES) {
    it(`refuses a ${held} token (403) on every route above ${held}, and lets it through on every other`, async () => {
      for (const operation of operations) {
        const response = await call(operation, tokens[held]);
        const where = `${operation.method} ${operation.url} (${operation.role}) as ${held}`;
        const body = (await response.text()) || '{}';
        if (rank(operation.role) > rank(held)) {
          expect(response.status, where).toBe(403);
          expect(JSON.parse(body).error.code, where).toBe('forbidden');
        } else if (operation.path !== '/session/link') {
          expect([401, 403], `${where}: ${body.slice(0, 200)}`).not.toContain(response.status);
        }
      }
    });
  }

  it('declares the roles of the issue: viewer dashboards, analyst cohorts, exports, trends and comparisons, admin quality, loads and audit', () => {
    const roleOf = (route: string) => operations.find((o) => `${o.method} ${o.path}` === route)?.role;
    for (const route of ['GET /measures', 'GET /measures/{id}', 'GET /meta', 'GET /dimensions']) expect(roleOf(route), route).toBe('viewer');
    for (const route of ['GET /measures/{id}/trend', 'POST /cohorts/preview', 'POST /cohorts/estimate', 'POST /cohorts/attrition', 'GET /cohorts/vocabulary', 'GET /cohorts', 'PATCH /cohorts/{id}', 'POST /cohorts', 'GET /cohorts/compare', 'GET /cohorts/{id}', 'DELETE /cohorts/{id}', 'GET /cohorts/{id}/characterization']) {
      expect(roleOf(route), route).toBe('analyst');
    }
    for (const route of ['GET /quality', 'GET /audit', 'GET /loads', 'GET /quarantine']) expect(roleOf(route), route).toBe('admin');
    const measure = operations.find((o) => o.path === '/measures/{id}' && o.method === 'GET')!;
    expect(measure.byFormat).toEqual({ 'application/vnd.apache.arrow.stream': 'analyst', 'text/csv': 'analyst' });
    expect(measure.byParameter).toEqual({ cohort: 'analyst' });
  });

  for (const held of ACCOUNT_ROLES) {
    it(`refuses a ${held} token (403 naming the role) the formats and parameters above ${held}, and lets it have the others`, async () => {
      let checked = 0;
      for (const operation of operations) {
        const cases = [
          ...Object.entries(operation.byFormat).map(([type, role]) => ({ role, headers: { Accept: type }, url: operation.url, what: type })),
          ...Object.entries(operation.byParameter).map(([name, role]) => ({ role, headers: {}, url: `${operation.url}?${name}=no-such-id`, what: name })),
        ];
        for (const { role, headers, url, what } of cases) {
          checked++;
          const response = await call({ ...operation, url }, tokens[held], headers);
          const where = `${operation.method} ${operation.path} ${what} (${role}) as ${held}`;
          const body = (await response.text()) || '{}';
          if (rank(role) > rank(held)) {
            expect(response.status, where).toBe(403);
            const { error } = JSON.parse(body);
            expect(error.code, where).toBe('forbidden');
            expect(error.message, where).toContain(`the role ${role}`);
          } else {
            expect([401, 403], `${where}: ${body.slice(0, 200)}`).not.toContain(response.status);
          }
        }
      }
      expect(checked).toBeGreaterThanOrEqual(3);
    });
  }
});
