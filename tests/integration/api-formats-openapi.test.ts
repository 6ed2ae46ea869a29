import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { memoryAuditLog } from '../../core/audit/audit-log.ts';
import { auditRecorder } from '../../server/audit/audit-recorder.ts';
import { measureIds } from '../../core/measures/catalog.ts';
import { DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { measureQuerySchema, PERIODS } from '../../core/measures/parse-measure-query.ts';
import { listRoutes } from '../helpers/list-routes.ts';
import type { LiveWarehouse } from '../../server/warehouse/live-warehouse.ts';

type Json = Record<string, any>;

// Routes are registered without touching the warehouse, and the document needs none.
const noWarehouse: LiveWarehouse = {
  path: '(none)',
  use: () => Promise.reject(new Error('no warehouse in this test')),
  close: () => undefined,
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every "$ref" in a value, with where it was found. */
function refs(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`)));
}

const resolve = (doc: Json, ref: string): unknown => ref.slice(2).split('/').reduce<unknown>((node, part) => (node as Json | undefined)?.[part], doc);

describe('the OpenAPI document', () => {
  // With the audit trail, so its route (GET /api/audit) is checked as every other is.
  const audit = auditRecorder(memoryAuditLog(), { clock: () => new Date(), onError: () => undefined });
  const app = createApp({ warehouse: noWarehouse, log: () => undefined, audit });
  let doc: Json;
  let close: () => void;

  beforeAll(async () => {
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    close = () => server.close();
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    doc = (await response.json()) as Json;
  });
  afterAll(() => close?.());

  it('is an OpenAPI 3.1 document: version, info, and responses for every operation', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    const operationIds = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      expect(path.startsWith('/'), path).toBe(true);
      const operations = Object.entries(item).filter(([k]) => HTTP_METHODS.includes(k));
      expect(operations.length, path).toBeGreaterThan(0);
      for (const [method, operation] of operations) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(Object.keys(operation.responses ?? {}).length, where).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(operation.responses as Json)) {
          expect(status, where).toMatch(/^([1-5]\d\d|[1-5]XX|default)$/);
          expect(typeof response.description === 'string' || typeof response.$ref === 'string', `${where} ${status}`).toBe(true);
        }
        expect(operationIds.has(operation.operationId), `duplicate operationId ${operation.operationId}`).toBe(false);
        operationIds.add(operation.operationId);
        // Each {name} in the path is a required path parameter, and each path parameter is in the path.
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const declared = (operation.parameters ?? []).filter((p: Json) => p.in === 'path');
        expect(declared.map((p: Json) => p.name).sort(), where).toEqual(inPath.sort());
        for (const p of declared) expect(p.required, `${where} ${p.name}`).toBe(true);
        for (const p of operation.parameters ?? []) {
          expect(['query', 'path', 'header', 'cookie'], `${where} ${p.name}`).toContain(p.in);
          expect(p.schema, `${where} ${p.name}`).toBeTypeOf('object');
        }
      }
    }
  });

  it('resolves every $ref inside the document', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const { ref, at } of all) {
      expect(ref.startsWith('#/'), at).toBe(true);
      expect(resolve(doc, ref), `${ref} at ${at}`).toBeDefined();
    }
  });

  it('documents every route the app registers under /api, and no route it does not have', () => {
    const routes = listRoutes(app, '/api');
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['get /measures/{id}', 'get /openapi.json', 'get /audit']));
    expect(doc.paths['/audit'].get['x-required-role']).toBe('admin');
    for (const { method, path } of routes) expect(doc.paths[path]?.[method], `${method.toUpperCase()} /api${path} is not in the OpenAPI document`).toBeDefined();
    const registered = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const method of Object.keys(item).filter((k) => HTTP_METHODS.includes(k))) expect(registered.has(`${method} ${path}`), `${method} ${path}`).toBe(true);
    }
  });

  it('takes the measure query parameters from measureQuerySchema, with its real enum values', () => {
    const operation = doc.paths['/measures/{id}'].get;
    const parameters = Object.fromEntries(operation.parameters.map((p: Json) => [p.name, p]));
    expect(Object.keys(parameters).sort()).toEqual(['id', ...Object.keys(measureQuerySchema.shape)].sort());
    expect(parameters.id.schema.enum).toEqual(measureIds());
    expect(parameters.period.schema.enum).toEqual([...PERIODS]);
    expect(parameters.period.schema.default).toBe('year');
    expect(parameters.period.required).toBe(false);
    expect(parameters.adjust.schema.enum).toEqual(['age']);
    expect(parameters.by).toMatchObject({ style: 'form', explode: false, schema: { type: 'array', maxItems: 2, items: { enum: DIMENSION_NAMES } } });
    for (const name of DIMENSION_NAMES) expect(parameters[name]).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
  });

  it('describes the three formats of a measure result, the rows, 304 and the error body', () => {
    const responses = doc.paths['/measures/{id}'].get.responses;
    expect(Object.keys(responses[200].content)).toEqual(['application/json', 'application/vnd.apache.arrow.stream', 'text/csv']);
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '304', '400', '404', '406']));
    const result = resolve(doc, responses[200].content['application/json'].schema.$ref) as Json;
    const row = resolve(doc, result.properties.rows.items.$ref) as Json;
    expect(row.required).toEqual(expect.arrayContaining(['period', 'numerator', 'denominator', 'rate', 'ciLow', 'ciHigh', 'suppressed']));
    expect(row.properties.rate.type).toEqual(['number', 'null']);
    expect(row.properties.suppressionReason.enum).toEqual(['small-cell', 'complementary', 'dominance']);
    const error = resolve(doc, (resolve(doc, responses[400].$ref) as Json).content['application/json'].schema.$ref) as Json;
    expect(error.properties.error.required).toEqual(['code', 'message']);
  });
});
