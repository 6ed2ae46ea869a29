import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../pipelines/load.ts';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { httpMessages } from '../../server/http/messages.ts';
import { API_SCHEMAS, measureResultSchema } from '../../core/api/api-schemas.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Row = Record<string, string | number | boolean | null>;

const ARROW = 'application/vnd.apache.arrow.stream';

/** RFC 4180 records, parsed here independently of the server's writer. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), i++;
        else if (text[i] === '"') break;
        else field += text[i];
      }
      i++;
    } else if (text[i] === ',') (fields.push(field), (field = ''), i++);
    else if (text.startsWith('\r\n', i)) (fields.push(field), records.push(fields), (fields = []), (field = ''), (i += 2));
    else (field += text[i]), i++;
  }
  if (field !== '' || fields.length) throw new Error('CSV does not end with CRLF');
  return records;
}

describe('measure results as JSON, Arrow and CSV, with entity tags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-formats-'));
  const warehouse = join(dir, 'w.duckdb');
  let server: RunningServer;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
  const getJson = async (path: string) => (await (await get(path)).json()) as { rows: Row[]; dataVersion: string } & Record<string, unknown>;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers JSON by default, shaped as the OpenAPI schema says', async () => {
    for (const path of ['/api/measures/hypertension-prevalence?by=race,sex', '/api/measures/hba1c-control?period=all&adjust=age', '/api/measures/cost-pmpm?period=quarter&by=payer']) {
      const response = await get(path);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('vary')).toMatch(/Accept/);
      const body = await response.json();
      const parsed = measureResultSchema.safeParse(body);
      expect(parsed.success, `${path}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data, `${path}: a field the schema does not know`).toEqual(body);
    }
  });

  it('answers the other endpoints exactly as their OpenAPI schemas say (no field missing, none extra)', async () => {
    const endpoints: [string, keyof typeof API_SCHEMAS][] = [
      ['/api/health', 'Health'],
      ['/api/meta', 'Meta'],
      ['/api/dimensions', 'Dimensions'],
      ['/api/geography/counties', 'CountyOutlines'],
      ['/api/measures', 'MeasureList'],
      ['/api/measures/hypertension-prevalence/trend?by=sex', 'MeasureTrend'],
      ['/api/quality', 'QualityReport'],
      ['/api/measures/nope', 'ErrorBody'],
    ];
    for (const [path, name] of endpoints) {
      const response = await get(path);
      const body = await response.json();
      const schema = response.ok || name === 'ErrorBody' ? API_SCHEMAS[name] : API_SCHEMAS.ErrorBody; // a warehouse without quality results: 404
      const parsed = schema.safeParse(body);
      expect(parsed.success, `${path}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data, `${path}: a field the schema does not know`).toEqual(body);
    }
  });

  it('sends the same numbers as an Arrow stream, typed Utf8 / Float64 / Bool with nulls for suppressed cells', async () => {
    const path = '/api/measures/hypertension-prevalence?period=all&by=ageBand';
    const json = await getJson(path);
    const response = await get(path, { Accept: ARROW });
    expect(response.headers.get('content-type')).toBe(ARROW);
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toEqual({
      period: 'Utf8', ageBand: 'Utf8',
      numerator: 'Float64', denominator: 'Float64', rate: 'Float64', ciLow: 'Float64', ciHigh: 'Float64',
      unreliable: 'Bool', suppressed: 'Bool', suppressionReason: 'Utf8',
    });
    const arrowRows = table.toArray().map((r) => r.toJSON() as Row);
    expect(arrowRows).toHaveLength(json.rows.length);
    expect(json.rows.some((r) => r.suppressed) && json.rows.some((r) => !r.suppressed && (r.rate as number) > 0)).toBe(true);
    arrowRows.forEach((row, i) => {
      const expected = Object.fromEntries(table.schema.fields.map((f) => [f.name, json.rows[i]![f.name] ?? null]));
      expect(row).toEqual(expected);
      if (row.suppressed) expect([row.numerator, row.denominator, row.rate, row.ciLow, row.ciHigh]).toEqual([null, null, null, null, null]);
    });
    const metadata = JSON.parse(table.schema.metadata.get('popsight')!);
    expect(metadata).toMatchObject({ dataVersion: json.dataVersion, period: 'all', by: 'ageBand', measure: { id: 'hypertension-prevalence' } });
    expect(metadata.rows).toBeUndefined();
  });

  it('types a column that is null in every row by the row schema, not by guessing', async () => {
    // Every cell of the by-sex table is suppressed on this small fixture: numerators are all null.
    const response = await get('/api/measures/hypertension-prevalence?by=sex', { Accept: ARROW });
    const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
    expect(table.toArray().every((r) => r.toJSON().numerator === null)).toBe(true);
    expect(String(table.schema.fields.find((f) => f.name === 'numerator')!.type)).toBe('Float64');
  });

  it('sends CSV that parses back to the JSON rows, suppressed values empty, as a named download', async () => {
    const path = '/api/measures/cost-pmpm?by=sex&period=year';
    const json = await getJson(path);
    expect(json.rows.some((r) => r.suppressed) && json.rows.some((r) => !r.suppressed && (r.rate as number) > 0)).toBe(true);
    const response = await get(path, { Accept: 'text/csv' });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    // Measure, period, stratifier, window, adjustment, unit and data version: two downloads of different views never share a name.
    const { from, to, dataVersion, measure } = json as unknown as { from: number; to: number; dataVersion: string; measure: { unit: string } };
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="cost-pmpm_year_by-sex_${from}-${to}_crude_${measure.unit}_data-${dataVersion.replace(/[^A-Za-z0-9.]+/g, '-').slice(0, 8)}.csv"`);
    const text = await response.text();
    expect(text.startsWith('period,sex,numerator,denominator,rate,ciLow,ciHigh,unreliable,suppressed')).toBe(true);
    expect(text).not.toMatch(/^#/m);
    const [header, ...records] = parseCsv(text);
    expect(records).toHaveLength(json.rows.length);
    const suppressed = records.filter((r) => r[header!.indexOf('suppressed')] === 'true');
    expect(suppressed.length).toBeGreaterThan(0);
    for (const record of suppressed) for (const name of ['numerator', 'denominator', 'rate', 'ciLow', 'ciHigh']) expect(record[header!.indexOf(name)]).toBe('');
    // After the table's columns, what the table is, the same on every row.
    const meta = (await getJson('/api/meta')) as unknown as { loadedAt: string };
    const described: Record<string, string> = {
      measure: 'cost-pmpm', measureTitle: 'Total cost PMPM', unit: 'USD per member per month', adjustment: 'crude', stratifiers: 'sex', filters: '', cohort: '',
      fromYear: String(json.from), toYear: String(json.to), disclosure: String(json.disclosure), dataVersion: String(json.dataVersion), dataAsOf: meta.loadedAt,
    };
    expect(json.dataAsOf).toBe(meta.loadedAt);
    expect(header!.slice(-Object.keys(described).length)).toEqual(Object.keys(described));
    for (const record of records) expect(record.slice(-Object.keys(described).length)).toEqual(Object.values(described));
    const filtered = parseCsv(await (await get('/api/measures/hypertension-prevalence?period=year&race=white&sex=F&adjust=age&from=' + String(json.to), { Accept: 'text/csv' })).text());
    const column = (name: string) => filtered[1]![filtered[0]!.indexOf(name)];
    expect([column('filters'), column('adjustment'), column('fromYear'), column('toYear')]).toEqual(['race=white; sex=F', 'age-adjusted (US 2000 standard population, direct method)', String(json.to), String(json.to)]);
    const tableColumns = header!.slice(0, -Object.keys(described).length);
    records.forEach((record, i) => {
      const row = json.rows[i]!;
      tableColumns.forEach((name, j) => {
        const value = row[name] ?? null;
        const field = record[j]!;
        if (value === null) expect(field, name).toBe('');
        else if (typeof value === 'number') expect(Number(field), name).toBe(value);
        else expect(field, name).toBe(String(value));
      });
    });
  });

  it('follows the Accept header’s preferences and refuses a format it does not offer with 406', async () => {
    const arrowFirst = await get('/api/measures/diabetes-prevalence', { Accept: 'text/csv;q=0.5, application/vnd.apache.arrow.stream' });
    expect(arrowFirst.headers.get('content-type')).toBe(ARROW);
    const any = await get('/api/measures/diabetes-prevalence', { Accept: '*/*' });
    expect(any.headers.get('content-type')).toMatch(/^application\/json/);
    const refused = await get('/api/measures/diabetes-prevalence', { Accept: 'application/xml' });
    expect(refused.status).toBe(406);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_acceptable');
    expect(body.error.message).toBe(httpMessages.notAcceptable('application/xml', ['application/json', ARROW, 'text/csv']));
  });

  it('answers If-None-Match with 304 and the same ETag, and a changed query or format with another ETag', async () => {
    const path = '/api/measures/diabetes-prevalence?by=sex&race=white';
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate');
    const again = await get(path, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get(path, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);

    expect((await get(path, { 'If-None-Match': '"other"' })).status).toBe(200);
    const otherQuery = await get('/api/measures/diabetes-prevalence?by=race&sex=M', { 'If-None-Match': etag });
    expect(otherQuery.status).toBe(200);
    expect(otherQuery.headers.get('etag')).not.toBe(etag);
    const otherFormat = await get(path, { 'If-None-Match': etag, Accept: 'text/csv' });
    expect(otherFormat.status).toBe(200);
    expect(otherFormat.headers.get('etag')).not.toBe(etag);
  });

  it('gives one ETag to one normalized query: parameter order and spelled-out defaults do not matter', async () => {
    const etag = async (path: string) => (await get(path)).headers.get('etag');
    const base = await etag('/api/measures/diabetes-prevalence?sex=F&race=white');
    expect(await etag('/api/measures/diabetes-prevalence?race=white&sex=F')).toBe(base);
    expect(await etag('/api/measures/diabetes-prevalence?period=year&race=white&sex=F')).toBe(base);
    expect(await etag('/api/measures/diabetes-prevalence?period=quarter&race=white&sex=F')).not.toBe(base);
    expect(await etag('/api/measures/hypertension-prevalence?sex=F&race=white')).not.toBe(base);
    // The window is part of the key; a missing bound is the data's own, spelled out or not.
    const last = Number(((await (await get('/api/meta')).json()) as { dateRange: { end: string } }).dateRange.end.slice(0, 4));
    const windowed = await etag(`/api/measures/diabetes-prevalence?sex=F&race=white&from=${last - 1}`);
    expect(windowed).not.toBe(base);
    expect(await etag(`/api/measures/diabetes-prevalence?from=${last - 1}&to=${last}&race=white&sex=F`)).toBe(windowed);
    expect(await etag(`/api/measures/diabetes-prevalence?sex=F&race=white&from=${last}`)).not.toBe(windowed);
  });

  it('serves the same bytes from its cache as it computed', async () => {
    const path = '/api/measures/cost-pmpm?period=quarter&by=payer';
    const [a, b] = [await (await get(path, { Accept: 'text/csv' })).text(), await (await get(path, { Accept: 'text/csv' })).text()];
    expect(b).toBe(a);
  });

  it('gives a new ETag once a reload publishes a new warehouse, and no 304 for the old one', async () => {
    const path = '/api/measures/diabetes-prevalence?by=sex';
    const before = await get(path);
    const etag = before.headers.get('etag')!;
    const { dataVersion: oldVersion } = (await before.json()) as { dataVersion: string };
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key'), mode: 'replace' }, quietLoadDeps);
    await new Promise((resolve) => setTimeout(resolve, 700)); // the live warehouse looks for a new file every 0.5 s
    const after = await get(path, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    const body = (await after.json()) as { dataVersion: string; rows: Row[] };
    expect(body.dataVersion).not.toBe(oldVersion);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await get(path, { 'If-None-Match': after.headers.get('etag')! })).status).toBe(304);
  });
});
