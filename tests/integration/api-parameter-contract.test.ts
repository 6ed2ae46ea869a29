// The contract between the OpenAPI document and the server (issue 16, item 2): every parameter the
// document lists for every operation is used. For each one the test sends the request with and
// without it (a path parameter, or a required one: with two values) and requires that the answer
// changes, or that the server refuses the value with a 4xx naming the parameter. A documented
// parameter the server ignores fails; so does one for which this test has no value to try.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Json = Record<string, any>;
type Query = Record<string, string>;

interface Call {
  method: string;
  path: string;
  query: Query;
}

interface Answer {
  status: number;
  body: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Json;
}

const home = mkdtempSync(join(tmpdir(), 'popsight-contract-'));
let built: TestWarehouse;
let server: RunningServer;
let doc: Json;

/** Values the test found or made on the server: ids, dimension values, years, instants. */
const found = {
  measures: [] as string[],
  cohorts: [] as string[],
  reports: [] as string[],
  outbox: [] as string[],
  dimensions: {} as Record<string, string[]>,
  years: [0, 0] as [number, number],
  link: { recipient: '', signature: '' },
  auditMiddle: '',
};

async function send({ method, path, query }: Call): Promise<Answer> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${server.url}/api${path}${search ? `?${search}` : ''}`, { method: method.toUpperCase() });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // An HTML page or an empty 204: compared as text.
  }
  return { status: response.status, body };
}

const post = async (path: string, body: unknown): Promise<Json> => {
  const response = await fetch(`${server.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, `POST ${path}`).toBeLessThan(300);
  return (await response.json()) as Json;
};

const getJson = async (path: string): Promise<Json> => (await send({ method: 'get', path, query: {} })).body as Json;

/**
 * What of an answer is compared. A measure's envelope repeats the query (filters, by, window), so an
 * ignored parameter would still change it: only the data is compared. The audit trail grows with
 * every request, the probe's own included: only records written before the probe are compared.
 */
function essence(operationId: string, answer: Answer, before: string): unknown {
  const body = answer.body as Json;
  if (answer.status >= 400 || typeof body !== 'object' || body === null) return answer;
  if (operationId === 'getMeasure') return { status: answer.status, rows: body.rows };
  if (operationId === 'getMeasureTrend') return { status: answer.status, trends: body.trends };
  if (operationId === 'listAuditRecords') return { status: answer.status, records: (body.records as Json[]).filter((r) => r.time < before).map((r) => r.sequence) };
  return answer;
}

/** The 4xx names the parameter: in its details, or in its message. */
function refuses(answer: Answer, name: string): boolean {
  if (answer.status < 400 || answer.status >= 500) return false;
  const error = (answer.body as Json)?.error;
  return error?.details?.parameter === name || new RegExp(`'${name}'|\\b${name}=`).test(error?.message ?? '');
}

/** Values to bind a path parameter to: two that exist, so the two answers can be compared. */
function pathValues(path: string, name: string): string[] {
  if (path.startsWith('/measures/')) return found.measures;
  if (path.startsWith('/cohorts/')) return found.cohorts;
  if (path.startsWith('/reports/outbox/')) return found.outbox;
  if (path.startsWith('/reports/')) return found.reports;
  throw new Error(`no values for path parameter ${name} of ${path}: add them to this test`);
}

/** Valid values of an optional or required query parameter, other than its default. */
function queryValues(operationId: string, parameter: Parameter): string[] {
  const { name, schema } = parameter;
  if (schema.enum) return (schema.enum as string[]).filter((value) => value !== schema.default);
  if (name === 'by') return [...DIMENSION_NAMES];
  if ((DIMENSION_NAMES as readonly string[]).includes(name)) return found.dimensions[name]!.slice(0, 1);
  if (name === 'cohort' || name === 'a' || name === 'b') return found.cohorts;
  if (operationId === 'listAuditRecords') {
    if (name === 'limit') return ['1'];
    if (name === 'from' || name === 'to') return [found.auditMiddle];
    if (name === 'principal') return ['anonymous']; // every record here is 'local' (no sign-in)
    if (name === 'route') return ['/health'];
    if (name === 'after') return ['1'];
    if (name === 'before') return ['3'];
  }
  if (name === 'from') return [String(found.years[0] + 1)];
  if (name === 'to') return [String(found.years[1] - 1)];
  if (name === 'recipient') return [found.link.recipient];
  if (name === 'signature') return [found.link.signature];
  throw new Error(`no values for query parameter ${name} of ${operationId}: add them to this test`);
}

/** The request with every required parameter bound to its first value and no optional one. */
function baseCall(method: string, path: string, operationId: string, parameters: Parameter[]): Call {
  let bound = path;
  const query: Query = {};
  for (const parameter of parameters) {
    if (parameter.in === 'path') bound = bound.replace(`{${parameter.name}}`, encodeURIComponent(pathValues(path, parameter.name)[0]!));
    else if (parameter.required) query[parameter.name] = queryValues(operationId, parameter)[0]!;
  }
  return { method, path: bound, query };
}

interface Finding {
  operation: string;
  parameter: string;
  value: string;
  problem: string;
}

/** Every way a documented parameter is left unused, for one operation. */
async function probe(method: string, path: string, operation: Json): Promise<Finding[]> {
  const operationId = operation.operationId as string;
  const parameters = (operation.parameters ?? []) as Parameter[];
  const where = `${method.toUpperCase()} ${path}`;
  const findings: Finding[] = [];
  const base = baseCall(method, path, operationId, parameters);
  const compare = async (parameter: Parameter, value: string, without: Call, withIt: Call) => {
    const before = new Date().toISOString();
    const [a, b] = [await send(without), await send(withIt)];
    if (b.status >= 500) findings.push({ operation: where, parameter: parameter.name, value, problem: `answered ${b.status}` });
    else if (!refuses(b, parameter.name) && JSON.stringify(essence(operationId, a, before)) === JSON.stringify(essence(operationId, b, before))) {
      findings.push({ operation: where, parameter: parameter.name, value, problem: `same answer (${b.status}) as without it` });
    }
  };
  for (const parameter of parameters) {
    if (parameter.in === 'path') {
      const [first, second] = pathValues(path, parameter.name);
      const other = { ...base, path: base.path.replace(encodeURIComponent(first!), encodeURIComponent(second!)) };
      await compare(parameter, second!, base, other);
    } else if (parameter.required) {
      // Left out, it is refused by name; with another value, the answer changes.
      const { [parameter.name]: _left, ...rest } = base.query;
      const without = await send({ ...base, query: rest });
      if (!refuses(without, parameter.name)) findings.push({ operation: where, parameter: parameter.name, value: '(none)', problem: `left out, answered ${without.status} without naming it` });
      for (const value of queryValues(operationId, parameter).slice(1)) await compare(parameter, value, base, { ...base, query: { ...base.query, [parameter.name]: value } });
    } else {
      for (const value of queryValues(operationId, parameter)) await compare(parameter, value, base, { ...base, query: { ...base.query, [parameter.name]: value } });
    }
  }
  return findings;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  built = await buildTestWarehouse({ people: 1_500 });
  server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: join(home, 'state'), reports: { home, pollMs: 3_600_000 } });
  doc = await getJson('/openapi.json');
  found.measures = ((await getJson('/measures')).measures as Json[]).map((m) => m.id as string);
  found.dimensions = (await getJson('/dimensions')) as Record<string, string[]>;
  const { dateRange } = await getJson('/meta');
  found.years = [Number(dateRange.start.slice(0, 4)), Number(dateRange.end.slice(0, 4))];
  found.cohorts = [(await post('/cohorts', { name: 'Women', criteria: { sex: 'F' } })).id, (await post('/cohorts', { name: 'Men', criteria: { sex: 'M' } })).id];
  const view = { measure: 'diabetes-prevalence', by: 'sex', period: 'year' };
  found.reports = [
    (await post('/reports', { name: 'By sex', recipients: ['ann@example.org'], views: [view] })).id,
    (await post('/reports', { name: 'Crude', recipients: ['bob@example.org'], views: [{ ...view, by: undefined }] })).id,
  ];
  for (const id of found.reports) await post(`/reports/${id}/runs`, {});
  found.outbox = ((await getJson('/reports/outbox')).messages as Json[]).map((m) => m.name as string);
  const page = readFileSync(join(home, 'outbox', `${found.outbox[0]}.html`), 'utf8');
  const link = new URL(page.match(/href="([^"]*\/unsubscribe\?[^"]*)"/)![1]!.replaceAll('&amp;', '&'));
  found.link = { recipient: link.searchParams.get('recipient')!, signature: link.searchParams.get('signature')! };
  // Order the outbox and the reports alike, so the first link belongs to the first report.
  const reportOfLink = link.pathname.split('/')[3]!;
  found.reports.sort((x, y) => Number(y === reportOfLink) - Number(x === reportOfLink));
  found.auditMiddle = new Date().toISOString();
  await send({ method: 'get', path: '/health', query: {} });
}, 300_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  built?.remove();
});

describe('every documented parameter', () => {
  it('of every GET operation has an effect on the answer or is refused by name', async () => {
    const findings: Finding[] = [];
    let probed = 0;
    for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
      const operation = item.get;
      if (!operation) continue;
      probed += (operation.parameters ?? []).length;
      findings.push(...(await probe('get', path, operation)));
    }
    expect(probed).toBeGreaterThan(40);
    expect(findings).toEqual([]);
  }, 600_000);

  it('that takes a cohort answers 404 for an unknown one, on every endpoint', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const [known] = found.cohorts;
    const calls: Call[] = [
      { method: 'get', path: '/measures/diabetes-prevalence', query: { cohort: unknown } },
      { method: 'get', path: '/measures/diabetes-prevalence/trend', query: { cohort: unknown } },
      { method: 'get', path: `/cohorts/${unknown}`, query: {} },
      { method: 'get', path: `/cohorts/${unknown}/characterization`, query: {} },
      { method: 'get', path: '/cohorts/compare', query: { a: unknown, b: known! } },
      { method: 'get', path: '/cohorts/compare', query: { a: known!, b: unknown } },
      { method: 'delete', path: `/cohorts/${unknown}`, query: {} },
    ];
    const renameUnknown = await fetch(`${server.url}/api/cohorts/${unknown}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x' }) });
    expect(renameUnknown.status, 'PATCH /cohorts/{unknown}').toBe(404);
    for (const call of calls) expect((await send(call)).status, `${call.method.toUpperCase()} ${call.path} ${JSON.stringify(call.query)}`).toBe(404);
  }, 300_000);

  it('of every operation that changes state has an effect or is refused by name', async () => {
    // Deleting and sending are compared on two existing ids; unsubscribing with and without each part of the link.
    const findings: Finding[] = [];
    const changing = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
      (['post', 'put', 'patch', 'delete'] as const).filter((m) => item[m]?.parameters?.length).map((m) => [m, path, item[m]] as const),
    );
    expect(changing.length).toBeGreaterThanOrEqual(4);
    for (const [method, path, operation] of changing) {
      if (method === 'post' && !operation.requestBody) findings.push(...(await probe(method, path, operation)));
      else if (path.startsWith('/reports/{id}')) {
        // An edit with a body: the id decides the answer (a known report: the body is judged; an unknown one: 404).
        const answer = async (id: string) => (await fetch(`${server.url}/api${path.replace('{id}', id)}`, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: '{}' })).status;
        const [known, unknown] = [await answer(found.reports[1]!), await answer('00000000-0000-4000-8000-000000000000')];
        if (unknown !== 404 || known === 404) findings.push({ operation: `${method.toUpperCase()} ${path}`, parameter: 'id', value: '(known, unknown)', problem: `answered ${known} and ${unknown}` });
      }
    }
    expect(findings).toEqual([]);
    // A rename answers with the cohort renamed: the id's effect is which cohort has the new name.
    const [renamed, other] = found.cohorts;
    const rename = await fetch(`${server.url}/api/cohorts/${renamed}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Renamed' }) });
    expect(rename.status).toBe(200);
    expect(((await send({ method: 'get', path: `/cohorts/${renamed}`, query: {} })).body as Json).name).toBe('Renamed');
    expect(((await send({ method: 'get', path: `/cohorts/${other}`, query: {} })).body as Json).name).toBe('Men');
    // Two deletions both answer 204: the id's effect is which cohort is gone afterwards.
    const [deleted, kept] = found.cohorts;
    expect((await send({ method: 'delete', path: `/cohorts/${deleted}`, query: {} })).status).toBe(204);
    expect((await send({ method: 'get', path: `/cohorts/${deleted}`, query: {} })).status).toBe(404);
    expect((await send({ method: 'get', path: `/cohorts/${kept}`, query: {} })).status).toBe(200);
  }, 300_000);
});
