// Rate limits per user and cohort storage bounded per user (issue 15, a server that holds up), on a
// real server with sign-in: a token bucket per principal on an injected clock (429 with Retry-After,
// one user's burst leaves another's alone, time refills it), and a cap on each user's saved cohorts
// by count and by bytes (409 cohort_quota naming the limit; another user is not affected).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { apiTokens } from '../../core/accounts/api-tokens.ts';
import type { AccountRole } from '../../core/accounts/roles.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { httpMessages } from '../../server/http/messages.ts';
import { openStateStore } from '../../server/state/state-store.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;

describe('rate limits and cohort quotas per user', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-rate-'));
  const stateDir = join(dir, 'state');
  let server: RunningServer;
  let now = Date.parse('2026-03-01T12:00:00Z');
  const tokens: Record<string, string> = {};
  const BURST = 5;
  const QUOTA = { count: 2, bytes: 700 };

  const call = async (path: string, token?: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${server.url}${path}`, { ...init, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...init.headers } });
    const text = await response.text();
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (text ? JSON.parse(text) : {}) as Json };
  };
  const save = (token: string, definition: object) =>
    call('/api/cohorts', token, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(definition) });

  beforeAll(async () => {
    const warehouse = join(dir, 'w.duckdb');
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const store = await openStateStore(stateDir, { clock: () => new Date(), newId: () => randomBytes(8).toString('hex') });
    for (const [name, role] of [['ann', 'analyst'], ['bo', 'analyst'], ['cy', 'analyst'], ['di', 'analyst'], ['admin', 'admin']] as [string, AccountRole][]) {
      tokens[name] = (await apiTokens(store.accounts.tokens, { clock: () => new Date(), randomBytes }).create({ role, label: name, restriction: { all: true } })).token;
    }
    await store.close();
    server = await startServer({
      warehouse, port: 0, host: '127.0.0.1', stateDir, signIn: true, exactCounts: true,
      rateLimit: { burst: BURST, perSecond: 1, clock: () => new Date(now) },
      cohortQuota: QUOTA,
    });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 429 with Retry-After once a user has spent their burst, while others go on, and refills with time', async () => {
    for (let i = 0; i < BURST; i++) expect((await call('/api/measures', tokens.ann)).status).toBe(200);
    const refused = await call('/api/measures', tokens.ann);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: httpMessages.rateLimited(BURST, 1, 1), details: { retryAfterSeconds: 1 } });
    // Another user, and callers without credentials, have buckets of their own.
    expect((await call('/api/measures', tokens.bo)).status).toBe(200);
    expect((await call('/api/health')).status).toBe(200);
    // Every request counts, refused ones too: still empty at the same instant.
    expect((await call('/api/health', tokens.ann)).status).toBe(429);
    now += 1_000;
    expect((await call('/api/measures', tokens.ann)).status).toBe(200);
    expect((await call('/api/measures', tokens.ann)).status).toBe(429);
    now += 2_500;
    expect((await call('/api/measures', tokens.ann)).status).toBe(200);
    expect((await call('/api/measures', tokens.ann)).status).toBe(200);
    const third = await call('/api/measures', tokens.ann);
    expect([third.status, third.retryAfter]).toEqual([429, '1']);
    // A long pause refills the bucket to its burst, no further.
    now += 3_600_000;
    const statuses = [];
    for (let i = 0; i <= BURST; i++) statuses.push((await call('/api/measures', tokens.ann)).status);
    expect(statuses).toEqual([...Array(BURST).fill(200), 429]);
  });

  it('records refused requests in the audit trail', async () => {
    now += 3_600_000;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const { status, body } = await call('/api/audit?limit=10000', tokens.admin);
    expect(status).toBe(200);
    expect(body.records.filter((r: Json) => r.status === 429).length).toBeGreaterThanOrEqual(5);
  });

  it('caps the cohorts each user may keep (409 cohort_quota), per user, and frees a place on delete', async () => {
    now += 3_600_000;
    const first = await save(tokens.cy, { name: 'Women', criteria: { sex: 'F' } });
    expect(first.status).toBe(201);
    expect((await save(tokens.cy, { name: 'Men', criteria: { sex: 'M' } })).status).toBe(201);
    const over = await save(tokens.cy, { name: 'Everyone', criteria: { any: [{ sex: 'F' }, { sex: 'M' }] } });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'cohort_quota', message: cohortMessages.tooManyCohorts(2) });
    // Another user's place is their own.
    expect((await save(tokens.di, { name: 'Women too', criteria: { sex: 'F' } })).status).toBe(201);
    expect((await call(`/api/cohorts/${first.body.id}`, tokens.cy, { method: 'DELETE' })).status).toBe(204);
    expect((await save(tokens.cy, { name: 'Everyone', criteria: { any: [{ sex: 'F' }, { sex: 'M' }] } })).status).toBe(201);
  });

  it("caps the bytes of a user's saved definitions too", async () => {
    now += 3_600_000;
    const long = (name: string) => ({ name, description: 'x'.repeat(400), criteria: { sex: 'F' } });
    expect((await save(tokens.bo, long('One'))).status).toBe(201);
    const over = await save(tokens.bo, long('Two'));
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('cohort_quota');
    expect(over.body.error.message).toContain(`over the ${QUOTA.bytes} bytes one user may keep`);
    // Written as JSON, each definition is over 400 bytes: the first fits in 700, two do not.
    const used = Number(/take (\d+) bytes/.exec(over.body.error.message)![1]);
    expect(used).toBeGreaterThan(400);
    expect(used).toBeLessThanOrEqual(QUOTA.bytes);
  });
});
