// Finding 5 of issue 13, replayed: "everyone" and "everyone except a small group" isolate that
// group, however each size is protected. The per-user cohort ledger refuses the second cohort, on
// every route that answers anything about a cohort, and remembers across a restart. Every group
// size here is found and checked by SQL over the warehouse, never by the code under test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { Criterion } from '../../core/cohorts/cohort-schema.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Json = Record<string, any>;
const HYPERTENSION = '59621000';

describe('the cohort ledger on 3,000 generated people', () => {
  let built: TestWarehouse;
  let db: Database;
  let server: RunningServer;
  const stateDir = join(mkdtempSync(join(tmpdir(), 'popsight-ledger-')), 'state');
  // Found in beforeAll, from the warehouse: a county whose hypertensive people are 1–10, and one of 11 or more people.
  let smallGroup: Criterion;
  let smallGroupSize: number;
  let largeCounty: string;
  let largeCountySize: number;

  const everyone: Criterion = { any: [{ sex: 'F' }, { sex: 'M' }] };
  const everyoneBut = (group: Criterion): Criterion => ({ all: [everyone, { not: group }] });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }
  const start = async (options: { exactCounts?: boolean } = {}) => {
    server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir, ...options });
  };
  const restart = async (options: { exactCounts?: boolean } = {}) => {
    await server.close();
    await start(options);
  };
  const expectRefused = (response: { status: number; body: Json }, earlier: string | null) => {
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('cohort_too_close');
    expect(response.body.error.message).toBe(cohortMessages.tooCloseToEarlier(earlier));
    // Nothing about the refused cohort: no size, no rows.
    expect(JSON.stringify(response.body)).not.toMatch(/"(size|rows|value|count)"/);
  };

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 3_000, seed: 11 });
    db = await openDatabase(built.warehouse, { readOnly: true });
    // "Everyone" is everyone only if every person is F or M.
    const [sexes] = await db.query<{ all: number; known: number }>(`SELECT count(*)::INTEGER AS all, count(*) FILTER (WHERE sex IN ('F', 'M'))::INTEGER AS known FROM core.person`);
    expect(sexes!.known).toBe(sexes!.all);
    const groups = await db.query<{ county: string; n: number }>(
      `SELECT p.county, count(DISTINCT p.person_id)::INTEGER AS n FROM core.person AS p JOIN core.condition AS c ON c.person_id = p.person_id AND c.code = $1
       WHERE p.county IS NOT NULL GROUP BY 1 HAVING count(DISTINCT p.person_id) BETWEEN 1 AND 10 ORDER BY 1`,
      [HYPERTENSION],
    );
    expect(groups.length).toBeGreaterThan(0);
    smallGroup = { all: [{ county: groups[0]!.county }, { condition: { codes: [HYPERTENSION] } }] };
    smallGroupSize = groups[0]!.n;
    const [large] = await db.query<{ county: string; n: number }>(
      `SELECT county, count(*)::INTEGER AS n FROM core.person WHERE county IS NOT NULL GROUP BY 1 HAVING count(*) BETWEEN 11 AND 2000 ORDER BY n, county LIMIT 1`,
    );
    [largeCounty, largeCountySize] = [large!.county, large!.n];
    await start();
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    db?.close();
    built?.remove();
  });

  it('refuses "everyone but a small group" after "everyone", with the message naming the earlier cohort', async () => {
    expect(smallGroupSize).toBeGreaterThanOrEqual(1);
    expect(smallGroupSize).toBeLessThanOrEqual(10);
    expect((await call('POST', '/api/cohorts/preview', { name: 'Everyone', criteria: everyone })).status).toBe(200);
    expectRefused(await call('POST', '/api/cohorts/preview', { criteria: everyoneBut(smallGroup) }), 'Everyone');
    // Nor can it be saved, under any name.
    expectRefused(await call('POST', '/api/cohorts', { name: 'Almost everyone', criteria: everyoneBut(smallGroup) }), 'Everyone');
    expect((await call('GET', '/api/cohorts')).body.cohorts).toEqual([]);
  });

  it('accepts the same people written another way, and a cohort 11 or more people away', async () => {
    // Difference 0: the same member set is no new information.
    expect((await call('POST', '/api/cohorts/preview', { criteria: { not: { not: everyone } } })).status).toBe(200);
    expect(largeCountySize).toBeGreaterThanOrEqual(11);
    const farther = await call('POST', '/api/cohorts/preview', { name: 'All but one county', criteria: everyoneBut({ county: largeCounty }) });
    expect(farther.status).toBe(200);
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person WHERE county IS DISTINCT FROM $1', [largeCounty]);
    expect(Math.abs(farther.body.size.value - n)).toBeLessThanOrEqual(5);
    // The small group itself is far from every earlier cohort (it is not everyone): its size is perturbed and suppressed.
    const alone = await call('POST', '/api/cohorts/preview', { criteria: smallGroup });
    expect(alone.status).toBe(200);
    expect(alone.body.size.value === null || alone.body.size.value >= 11).toBe(true);
  });

  it('refuses it as ?cohort= on a measure and its trend, in a comparison and a characterization', async () => {
    // Saved without a ledger (exact counts, a trusted environment), then used by a default server.
    await restart({ exactCounts: true });
    const everyoneId = (await call('POST', '/api/cohorts', { name: 'Everyone saved', criteria: everyone })).body.id;
    const almostId = (await call('POST', '/api/cohorts', { name: 'Almost everyone', criteria: everyoneBut(smallGroup) })).body.id;
    await restart();
    // 'Everyone saved' has the members of 'Everyone', already in the ledger.
    expect((await call('GET', `/api/measures/hypertension-prevalence?period=all&cohort=${everyoneId}`)).status).toBe(200);
    expectRefused(await call('GET', `/api/measures/hypertension-prevalence?period=all&cohort=${almostId}`), 'Everyone');
    expectRefused(await call('GET', `/api/measures/hypertension-prevalence/trend?cohort=${almostId}`), 'Everyone');
    expectRefused(await call('GET', `/api/cohorts/compare?a=${everyoneId}&b=${almostId}`), 'Everyone');
    expectRefused(await call('GET', `/api/cohorts/${almostId}/characterization`), 'Everyone');
    expect((await call('GET', `/api/cohorts/${everyoneId}/characterization`)).status).toBe(200);
  });

  it('remembers across a restart, and keeps no ledger under exact counts', async () => {
    await restart();
    expectRefused(await call('POST', '/api/cohorts/preview', { criteria: everyoneBut(smallGroup) }), 'Everyone');
    // Exact counts are for a trusted environment (docs/disclosure.md, threat model): no refusal there.
    await restart({ exactCounts: true });
    expect((await call('POST', '/api/cohorts/preview', { criteria: everyoneBut(smallGroup) })).status).toBe(200);
    await restart();
  });

  it('refuses the second of two near cohorts asked for at once', async () => {
    // A fresh ledger: a server on its own state directory.
    await server.close();
    server = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: mkdtempSync(join(tmpdir(), 'popsight-ledger-race-')) });
    const answers = await Promise.all([
      call('POST', '/api/cohorts/preview', { name: 'Everyone', criteria: everyone }),
      call('POST', '/api/cohorts/preview', { name: 'Almost everyone', criteria: everyoneBut(smallGroup) }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
  });

  it("answers the live builder's drafts coarsely: a near draft shows the earlier one's estimate, and no draft refuses a later preview or save", async () => {
    await server.close();
    const fresh = () => startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: mkdtempSync(join(tmpdir(), 'popsight-ledger-drafts-')) });
    const [{ n: everyoneSize }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM core.person');
    // Alone (a fresh ledger; written as one step, so no attrition step comes first), a draft gets its own estimate:
    // rounded to 100 (3,000 people: two significant figures), within the rounding and the noise of the truth.
    server = await fresh();
    const alone = await call('POST', '/api/cohorts/estimate', { criteria: { not: { not: everyoneBut(smallGroup) } } });
    expect(alone.status).toBe(200);
    expect(alone.body.size.roundedTo).toBe(100);
    expect(alone.body.size.value % 100).toBe(0);
    expect(Math.abs(alone.body.size.value - (everyoneSize - smallGroupSize))).toBeLessThanOrEqual(50 + 5);
    await server.close();

    // The attack on drafts: "everyone", then "everyone but the small group". The second shows the first's estimate, whatever the rounding would do.
    server = await fresh();
    const first = await call('POST', '/api/cohorts/estimate', { criteria: everyone });
    const second = await call('POST', '/api/cohorts/estimate', { criteria: everyoneBut(smallGroup) });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body.size).toEqual(first.body.size);
    // Its attrition steps: everyone, then everyone but the group: the same estimate twice, nothing for the 1–10 people.
    expect(second.body.steps.map((s: Json) => s.size)).toEqual([first.body.size, first.body.size]);
    // Drafts never refuse what the researcher meant: the intended cohort is counted exactly and saved.
    const counted = await call('POST', '/api/cohorts/preview', { name: 'Almost everyone', criteria: everyoneBut(smallGroup) });
    expect(counted.status).toBe(200);
    expect(Math.abs(counted.body.size.value - (everyoneSize - smallGroupSize))).toBeLessThanOrEqual(5);
    expect((await call('POST', '/api/cohorts', { name: 'Almost everyone', criteria: everyoneBut(smallGroup) })).status).toBe(201);
    // Released cohorts still may not differ by 1–10 people: "everyone" counted exactly now is refused.
    expectRefused(await call('POST', '/api/cohorts/preview', { criteria: everyone }), 'Almost everyone');
    // And a draft near a released cohort shows that cohort's estimate (derivable from its published size), not its own.
    const afterRelease = await call('POST', '/api/cohorts/estimate', { criteria: { not: { not: everyone } } });
    expect(afterRelease.body.size.value).toBe(Math.max(100, Math.round(counted.body.size.value / 100) * 100));
  }, 300_000);
});
