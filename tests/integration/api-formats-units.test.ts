import express from 'express';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toArrowStream } from '../../server/http/arrow-format.ts';
import { canonicalQuery, matchesIfNoneMatch, sendCached } from '../../server/http/conditional-get.ts';
import { toCsv } from '../../server/http/csv-format.ts';
import { disclosedTable, type Row } from '../../server/http/disclosed-table.ts';
import { ResponseCache } from '../../server/http/response-cache.ts';
import type { Representation } from '../../server/http/representation.ts';

const entry = (bytes: number): Representation => ({ body: Buffer.alloc(bytes), contentType: 'text/plain' });

describe('the response cache', () => {
  it('evicts the least recently used entry once it holds too many', () => {
    const cache = new ResponseCache({ maxEntries: 2 });
    cache.set('a', entry(1));
    cache.set('b', entry(1));
    cache.get('a');
    cache.set('c', entry(1));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([true, false, true]);
  });

  it('keeps its bodies under the byte bound and does not keep a body larger than it', () => {
    const cache = new ResponseCache({ maxEntries: 100, maxBytes: 10 });
    cache.set('a', entry(4));
    cache.set('b', entry(4));
    cache.set('c', entry(4));
    expect(cache.bytes).toBe(8);
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', entry(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
    cache.set('b', entry(2));
    expect(cache.bytes).toBe(6);
  });
});

describe('conditional GET', () => {
  it('sorts parameters, drops absent ones and keeps the order inside a list', () => {
    expect(canonicalQuery({ sex: 'F', by: ['race', 'payer'], adjust: undefined, period: 'year', cohort: undefined })).toBe('by=race%2Cpayer&period=year&sex=F');
    expect(canonicalQuery({ by: ['payer', 'race'] })).not.toBe(canonicalQuery({ by: ['race', 'payer'] }));
  });

  it('matches If-None-Match weakly, in a list, and for *', () => {
    expect(matchesIfNoneMatch('"x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('W/"x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('"a", "x"', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('*', '"x"')).toBe(true);
    expect(matchesIfNoneMatch('"xy"', '"x"')).toBe(false);
    expect(matchesIfNoneMatch(undefined, '"x"')).toBe(false);
  });

  describe('sendCached', () => {
    let renders = 0;
    let dataVersion = 'v1';
    let url = '';
    let close: () => void;
    beforeAll(async () => {
      const app = express();
      const cache = new ResponseCache();
      app.get('/t', async (request, response) => {
        await sendCached(request, response, {
          cache,
          identity: { dataVersion, query: canonicalQuery({ q: String(request.query.q ?? '') }), format: 'json' },
          render: async () => (renders++, { body: Buffer.from(`{"n":${renders}}`), contentType: 'application/json' }),
        });
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      close = () => server.close();
    });
    afterAll(() => close?.());

    it('renders once per data version and query, then answers from the cache or with 304', async () => {
      const first = await fetch(`${url}/t?q=1`);
      expect(await first.text()).toBe('{"n":1}');
      expect(await (await fetch(`${url}/t?q=1`)).text()).toBe('{"n":1}');
      expect((await fetch(`${url}/t?q=1`, { headers: { 'If-None-Match': first.headers.get('etag')! } })).status).toBe(304);
      expect(renders).toBe(1);
      expect(await (await fetch(`${url}/t?q=2`)).text()).toBe('{"n":2}');
      dataVersion = 'v2';
      const reloaded = await fetch(`${url}/t?q=1`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
      expect(reloaded.status).toBe(200);
      expect(await reloaded.text()).toBe('{"n":3}');
    });
  });
});

describe('disclosed tables and their serializers', () => {
  const rows: Row[] = [
    { period: '2016', county: 'Essex, "North"', numerator: 12, rate: 1.5, suppressed: false },
    { period: '2016', county: 'Line\nbreak', numerator: null, rate: null, suppressed: true, suppressionReason: 'small-cell' },
  ];

  it('refuses rows that have not been through disclosure control', () => {
    expect(() => disclosedTable([{ period: '2016', numerator: 3 }], { keys: ['period'] })).toThrow(/disclosure control/);
    expect(() => disclosedTable([{ period: '2016', numerator: 3, suppressed: true, suppressionReason: 'small-cell' }], { keys: ['period'] })).toThrow(/suppressed cell with a value in 'numerator'/);
  });

  it('puts keys first and types a column null everywhere from the given types', () => {
    const table = disclosedTable([{ rate: null, period: '2016', suppressed: false }], { keys: ['period'], types: { rate: 'number' } });
    expect(table.columns).toEqual([
      { name: 'period', type: 'string', key: true },
      { name: 'rate', type: 'number', key: false },
      { name: 'suppressed', type: 'boolean', key: false },
    ]);
  });

  it('writes RFC 4180 CSV: quotes doubled, fields with commas or line breaks enclosed, CRLF, empty for null', () => {
    const csv = toCsv(disclosedTable(rows, { keys: ['period', 'county'] }), { filename: 'x y.csv' });
    expect(csv.body.toString()).toBe(
      'period,county,numerator,rate,suppressed,suppressionReason\r\n' +
        '2016,"Essex, ""North""",12,1.5,false,\r\n' +
        '2016,"Line\nbreak",,,true,small-cell\r\n',
    );
    expect(csv.headers).toEqual({ 'Content-Disposition': 'attachment; filename="x_y.csv"' });
  });

  it('writes an Arrow stream with the full schema even for no rows', () => {
    const shape = { types: { rate: 'number', suppressed: 'boolean', note: 'string' }, required: ['period', 'rate', 'suppressed'] } as const;
    const table = tableFromIPC(toArrowStream(disclosedTable([], { keys: ['period'], ...shape })).body);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => `${f.name}: ${f.type}`)).toEqual(['period: Utf8', 'rate: Float64', 'suppressed: Bool']);
  });
});
