// The attrition endpoint (POST /api/cohorts/attrition) and renaming a saved cohort, on a real server
// over the nj27 fixture (27 people). Every step's true size is counted here by hand-written SQL over
// core.*; each step is a cohort of its own: suppressed as a preview is, and refused by the cohort
// ledger when it is 1–10 people away from an earlier cohort, with no size at all.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { cohortMessages } from '../../core/cohorts/cohort-messages.ts';
import type { Criterion } from '../../core/cohorts/cohort-schema.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { loadExtract } from '../../pipelines/load.ts';
import { NJ27 } from '../helpers/extract-fixtures.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

type Json = Record<string, any>;
const HYPERTENSION = '59621000';
const INDEX_DATE = '(SELECT max(start_ts)::DATE FROM core.encounter)';

const dir = mkdtempSync(join(tmpdir(), 'popsight-attrition-'));
const warehouse = join(dir, 'w.duckdb');
let db: Database;
beforeAll(async () => {
  await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
  db = await openDatabase(warehouse, { readOnly: true });
}, 300_000);
afterAll(() => db?.close());

const countOf = async (sql: string, values: unknown[] = []) => Number((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`, values as never))[0]!.n);

async function serve(options: { exactCounts?: boolean }): Promise<{ server: RunningServer; call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Json }> }> {
  const server = await startServer({ warehouse, port: 0, host: '127.0.0.1', stateDir: mkdtempSync(join(dir, 'state-')), ...options });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Json };
  };
  return { server, call };
}

describe('attrition with exact counts (the trusted-environment setting)', () => {
  let running: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    running = await serve({ exactCounts: true });
  });
  afterAll(() => running?.server.close());

  // Adults who had a wellness visit, then women among them, then those with hypertension.
  const criteria: Criterion = { all: [{ encounter: { class: 'wellness' } }, { age: { min: 18 } }, { sex: 'F' }, { condition: { codes: [HYPERTENSION] } }] };
  const byHand = [
    `SELECT DISTINCT person_id FROM core.encounter WHERE encounter_class = 'wellness'`,
    `SELECT person_id FROM core.person WHERE (age_90_plus OR date_sub('year', birth_date, ${INDEX_DATE}) >= 18)`,
    `SELECT person_id FROM core.person WHERE sex = 'F'`,
    `SELECT DISTINCT person_id FROM core.condition WHERE code = '${HYPERTENSION}'`,
  ];

  it('answers the people left after each criterion, suppressing a step of 1–10 people as a preview does', async () => {
    const truths: number[] = [];
    for (let k = 1; k <= byHand.length; k++) truths.push(await countOf(byHand.slice(0, k).join(' INTERSECT ')));
    // The fixture must give both kinds of step for this test to mean anything.
    expect(truths.some((n) => n >= 11)).toBe(true);
    expect(truths.some((n) => n >= 1 && n <= 10)).toBe(true);

    const { status, body } = await running.call('POST', '/api/cohorts/attrition', { criteria });
    expect(status).toBe(200);
    expect(body.steps.map((s: Json) => s.step)).toEqual([1, 2, 3, 4]);
    expect(body.steps.map((s: Json) => s.adds)).toEqual((criteria as { all: Criterion[] }).all);
    body.steps.forEach((step: Json, i: number) => {
      const truth = truths[i]!;
      expect(step.refused).toBe(false);
      if (truth >= 1 && truth <= 10) expect(step.size).toEqual({ value: null, suppressed: true, suppressionReason: 'small-cell' });
      else expect(step.size).toEqual({ value: truth, suppressed: false });
    });
    // The last step is the whole definition: the same answer as its preview.
    const preview = await running.call('POST', '/api/cohorts/preview', { criteria });
    expect(body.steps.at(-1).size).toEqual(preview.body.size);
  });

  it('answers one step for a definition without a top-level all', async () => {
    const { body } = await running.call('POST', '/api/cohorts/attrition', { criteria: { sex: 'M' } });
    expect(body.steps).toEqual([{ step: 1, adds: { sex: 'M' }, refused: false, size: { value: await countOf(`SELECT person_id FROM core.person WHERE sex = 'M'`), suppressed: false }, message: null }]);
  });

  it('refuses an invalid definition with a 400 naming the field', async () => {
    const { status, body } = await running.call('POST', '/api/cohorts/attrition', { criteria: { all: [{ sex: 'F' }, { lab: { code: '4548-4', op: '~', value: 9 } }] } });
    expect(status).toBe(400);
    expect(body.error.message).toBe(cohortMessages.invalidDefinition('criteria.all[1].lab.op', cohortMessages.expectedOneOf(['>', '>=', '<', '<=', '=', '!='])));
  });

  it('renames a saved cohort, keeping its criteria, and refuses a bad name or an unknown id', async () => {
    const saved = await running.call('POST', '/api/cohorts', { name: 'Women', description: 'first', criteria: { sex: 'F' } });
    expect(saved.status).toBe(201);
    const renamed = await running.call('PATCH', `/api/cohorts/${saved.body.id}`, { name: '  Women of nj27 ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...saved.body, name: 'Women of nj27', description: 'first' });
    expect((await running.call('GET', `/api/cohorts/${saved.body.id}`)).body.definition).toEqual({ name: 'Women of nj27', description: 'first', criteria: { sex: 'F' } });
    expect((await running.call('GET', '/api/cohorts')).body.cohorts.map((c: Json) => c.name)).toEqual(['Women of nj27']);
    expect((await running.call('PATCH', `/api/cohorts/${saved.body.id}`, { name: 'Women', description: null })).body.description).toBeNull();

    const blank = await running.call('PATCH', `/api/cohorts/${saved.body.id}`, { name: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toBe(cohortMessages.invalidRename('name', cohortMessages.expectedName));
    const extra = await running.call('PATCH', `/api/cohorts/${saved.body.id}`, { name: 'x', criteria: { sex: 'M' } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe(cohortMessages.invalidRename('criteria', cohortMessages.unknownKey('criteria', ['name', 'description'])));
    const unknown = await running.call('PATCH', '/api/cohorts/no-such-id', { name: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(cohortMessages.unknownCohort('no-such-id'));
  });

  it('lists both routes in the OpenAPI document, for analysts', async () => {
    const doc = (await (await fetch(`${running.server.url}/api/openapi.json`)).json()) as Json;
    expect(doc.paths['/cohorts/attrition'].post.operationId).toBe('cohortAttrition');
    expect(doc.paths['/cohorts/{id}'].patch.operationId).toBe('renameCohort');
    expect(doc.paths['/cohorts/vocabulary'].get.operationId).toBe('cohortVocabulary');
  });

  it('lists the vocabulary the builder offers, as the definition language checks it', async () => {
    const { body } = await running.call('GET', '/api/cohorts/vocabulary');
    const hypertension = body.conditionGroups.find((g: Json) => g.group === 'hypertension');
    expect(hypertension.codes.map((c: Json) => c.code)).toContain(HYPERTENSION);
    expect(body.encounterClasses).toContain('emergency');
    expect(body.payerCategories).toContain('Medicaid');
    // Each offered group is accepted by the language.
    for (const { group } of body.conditionGroups) expect((await running.call('POST', '/api/cohorts/preview', { criteria: { condition: { group } } })).status).toBe(200);
  });
});

describe('attrition with perturbed counts and the cohort ledger (the default)', () => {
  let running: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    running = await serve({});
  });
  afterAll(() => running?.server.close());

  it('shows a step 1–10 people away from an earlier one as refused, with no size, and records the others in the ledger', async () => {
    // A diagnosis 1–10 people have: "everyone but them" is that small group away from "everyone".
    const [group] = await db.query<{ code: string; n: number }>(
      `SELECT code, count(DISTINCT person_id)::INTEGER AS n FROM core.condition GROUP BY code HAVING n BETWEEN 1 AND 10 ORDER BY n DESC, code LIMIT 1`,
    );
    expect(group).toBeDefined();
    const everyone: Criterion = { any: [{ sex: 'F' }, { sex: 'M' }] };
    const criteria: Criterion = { all: [everyone, { not: { condition: { codes: [group!.code] } } }, { sex: 'M' }] };
    const people = await countOf('SELECT person_id FROM core.person');
    expect(await countOf(`SELECT person_id FROM core.person WHERE sex IN ('F', 'M')`)).toBe(people);
    const men = await countOf(`SELECT person_id FROM core.person WHERE sex = 'M' EXCEPT SELECT person_id FROM core.condition WHERE code = '${group!.code}'`);

    const { status, body } = await running.call('POST', '/api/cohorts/attrition', { name: 'Men without it', criteria });
    expect(status).toBe(200);
    const [first, second, third] = body.steps as Json[];
    // Step 1: everyone, perturbed (within ±5 of the truth, as a preview).
    expect(first!.refused).toBe(false);
    expect(Math.abs(first!.size.value - people)).toBeLessThanOrEqual(5);
    // Step 2: 1–10 people from step 1, already in the ledger: refused, and nothing of its size.
    expect(second).toEqual({ step: 2, adds: criteria.all[1], refused: true, size: null, message: cohortMessages.tooCloseToEarlier(null) });
    // Step 3: men without the diagnosis, |everyone Δ step 3| = people − men; refused only if that is 1–10.
    const distance = people - men;
    if (distance >= 1 && distance <= 10) expect(third!.refused).toBe(true);
    else {
      expect(third!.refused).toBe(false);
      expect(third!.size.suppressed || Math.abs(third!.size.value - men) <= 5).toBe(true);
      if (!third!.size.suppressed) expect(third!.size.value).toBeGreaterThanOrEqual(11);
    }

    // The same steps as previews: step 1 is answered with the same published size (the same cell key), step 2 refused.
    const preview = await running.call('POST', '/api/cohorts/preview', { criteria: everyone });
    expect(preview.body.size).toEqual(first!.size);
    const refused = await running.call('POST', '/api/cohorts/preview', { criteria: { all: criteria.all.slice(0, 2) } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('cohort_too_close');
  });
});
