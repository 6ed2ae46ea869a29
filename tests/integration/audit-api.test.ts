// The audit API the admin page reads, on a real server with sign-in: filters by principal, route,
// outcome and time, pages newest-first and oldest-first without gaps or repeats, refuses bad
// parameters by name, is refused to anyone below admin, and GET /api/audit/verify reports the chain
// intact, then broken at a record edited with SQL in the state file.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import { auditMessages } from '../../core/audit/audit-messages.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { openStateDatabase, type StateDatabase } from '../../server/state/state-database.ts';
import { openStateStore, STATE_FILE } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;

describe('audit API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-audit-api-'));
  const warehouse = join(dir, 'warehouse.duckdb');
  const stateDir = join(dir, 'state');
  let server: RunningServer;
  let db: StateDatabase;
  const tokens: Record<'viewer' | 'analyst' | 'admin', { token: string; id: string }> = {} as never;
  const call = async (path: string, who: keyof typeof tokens = 'admin') => {
    const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${tokens[who].token}` } });
    return { status: response.status, body: (await response.json()) as Json };
  };
  let all: Json[];

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      const { token, record } = await apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes }).create({ role, restriction: { all: true } });
      tokens[role] = { token, id: record.id };
    }
    await store.close();
    server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true, reports: false });
    db = await openStateDatabase(join(stateDir, STATE_FILE));
    // A mix of principals, routes and outcomes.
    for (let i = 0; i < 3; i++) await call('/api/measures/diabetes-prevalence?by=sex', 'viewer');
    await call('/api/measures/no-such-measure', 'viewer');
    await call('/api/quality', 'viewer');
    await call('/api/measures/diabetes-prevalence/trend', 'analyst');
    await call('/api/cohorts', 'analyst');
    await fetch(`${server.url}/api/meta`);
    all = (await call('/api/audit?limit=10000')).body.records;
  });
  afterAll(async () => {
    await db?.release();
    await server?.close();
  });

  it('filters by principal, route and outcome exactly as the full list filtered by hand', async () => {
    const cases: [string, (r: Json) => boolean][] = [
      [`principal=token:${tokens.viewer.id}`, (r) => r.principal === `token:${tokens.viewer.id}`],
      [`route=${encodeURIComponent('/measures/{id}')}`, (r) => r.route === '/measures/{id}'],
      ['outcome=refused', (r) => r.outcome === 'refused'],
      ['outcome=error', (r) => r.outcome === 'error'],
      [`principal=token:${tokens.viewer.id}&outcome=ok`, (r) => r.principal === `token:${tokens.viewer.id}` && r.outcome === 'ok'],
    ];
    for (const [query, keep] of cases) {
      const expected = all.filter(keep).map((r) => r.sequence);
      expect(expected.length, query).toBeGreaterThan(0);
      const { status, body } = await call(`/api/audit?limit=10000&${query}`);
      expect([status, body.records.map((r: Json) => r.sequence)], query).toEqual([200, expected]);
    }
    // The viewer's refused quality call and the 404 are where the hand filter says.
    expect(all.filter((r) => r.outcome === 'refused').map((r) => [r.route, r.status])).toContainEqual(['/quality', 403]);
    expect(all.filter((r) => r.outcome === 'error').map((r) => r.status)).toContain(404);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    const middle = all[Math.floor(all.length / 2)]!;
    // before=: leaves out the records of requests made after the list was read (these calls' own).
    const from = await call(`/api/audit?limit=10000&before=${all.at(-1)!.sequence + 1}&from=${encodeURIComponent(middle.time)}`);
    expect(from.body.records.map((r: Json) => r.sequence)).toEqual(all.filter((r) => r.time >= middle.time).map((r) => r.sequence));
    const to = await call(`/api/audit?limit=10000&to=${encodeURIComponent(middle.time)}`);
    expect(to.body.records.map((r: Json) => r.sequence)).toEqual(all.filter((r) => r.time < middle.time).map((r) => r.sequence));
  });

  it('pages newest first and oldest first, each record exactly once', async () => {
    const before = all.at(-1)!.sequence + 1;
    for (const order of ['desc', 'asc'] as const) {
      const seen: number[] = [];
      // Records made while paging (these calls' own) come after `before`: left out, both ways.
      let cursor = `before=${before}`;
      for (let page = 0; page < 100; page++) {
        const { body } = await call(`/api/audit?limit=3&order=${order}&${cursor}`);
        seen.push(...body.records.map((r: Json) => r.sequence));
        if (!body.next) break;
        expect(body.truncated).toBe(true);
        cursor = order === 'desc' ? `before=${body.next.before}` : `after=${body.next.after}&before=${before}`;
      }
      const expected = all.map((r) => r.sequence);
      expect(seen, order).toEqual(order === 'desc' ? [...expected].reverse() : expected);
    }
  });

  it('names a bad parameter, and refuses the API below admin', async () => {
    for (const [query, parameter] of [['outcome=maybe', 'outcome'], ['order=sideways', 'order'], ['before=0', 'before'], ['after=-1', 'after'], ['after=1.5', 'after'], ['principal=', 'principal']]) {
      const { status, body } = await call(`/api/audit?${query}`);
      expect([status, body.error.details?.parameter], query).toEqual([400, parameter]);
    }
    for (const who of ['viewer', 'analyst'] as const) {
      expect((await call('/api/audit', who)).status).toBe(403);
      expect((await call('/api/audit/verify', who)).status).toBe(403);
    }
  });

  it('verifies the chain: intact, then broken at a record edited in the state file', async () => {
    const intact = await call('/api/audit/verify');
    expect(intact.body).toEqual({ ok: true, records: expect.any(Number), message: auditMessages.verdict({ ok: true, records: intact.body.records, head: { sequence: 0, hash: '' } }) });
    expect(intact.body.records).toBeGreaterThanOrEqual(all.length);
    await db.change((tx) => tx.run('UPDATE audit_log SET status = 200 WHERE sequence = ?', [all[3]!.sequence]));
    const broken = await call('/api/audit/verify');
    expect(broken.body).toMatchObject({ ok: false, sequence: all[3]!.sequence, problem: 'edited', records: all[3]!.sequence - 1 });
    expect(broken.body.message).toContain(`chain broken at record ${all[3]!.sequence}`);
  });
});
