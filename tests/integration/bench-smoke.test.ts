// The bench end to end at 1,000 people with every section, into a temporary results folder and
// without touching docs/performance.md: every section has figures and every target a verdict.
// Figures are not judged here (a shared machine); the full runs are `npm run bench`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../../bench/targets.ts';
import { hasFigures, type BenchResults } from '../../bench/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'popsight-bench-smoke-'));
const docs = 'docs/performance.md';
const docsBefore = existsSync(docs) ? readFileSync(docs, 'utf8') : null;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/run-ts.mjs', 'bench/run.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr }));
  });
}

const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

describe('npm run bench', () => {
  it('runs every section at 1,000 people and reports figures and a verdict for every target', async () => {
    const out = join(dir, 'results');
    const { code, stderr } = await runBench([
      '--people', '1000', '--out', out, '--no-docs', '--work', dir,
      '--iterations', '5', '--cached-iterations', '20', '--engine-runs', '3', '--duration', '1',
    ]);
    expect(code, stderr.slice(-3000)).toBe(0);

    const files = readdirSync(out);
    const json = files.find((name) => name.endsWith('.json'));
    expect(files).toContain(json!.replace(/\.json$/, '.md'));
    const results = JSON.parse(readFileSync(join(out, json!), 'utf8')) as BenchResults;
    expect(results.runs).toHaveLength(1);
    const [run] = results.runs;
    expect(run!.people).toBe(1000);

    // 1. generator, 2. load beside read_csv, 3. API, 4. PostgreSQL, 5. dashboard: all with numbers (6. FHIR below).
    const { generator, load, api, postgres, dashboard } = run!;
    for (const [name, section] of Object.entries({ generator, load, api, postgres, dashboard })) {
      expect(section, name).not.toHaveProperty('error');
      expect(section, name).not.toHaveProperty('skipped');
    }
    if (!hasFigures(generator) || !hasFigures(load) || !hasFigures(api) || !hasFigures(postgres) || !hasFigures(dashboard)) throw new Error('a section has no figures');
    for (const value of [generator.peoplePerSecond, generator.rowsPerSecond, generator.peakRssBytes]) expect(isNumber(value)).toBe(true);
    for (const value of [load.seconds, load.peakRssBytes, load.baseline.seconds, load.ratio]) expect(isNumber(value)).toBe(true);
    expect(load.stages.map((s) => s.stage.slice(0, 3))).toEqual(expect.arrayContaining(['1/7', '3/7', '4/7', '5/7', '6/7']));

    expect(api.endpoints.map((e) => e.kind)).toEqual(expect.arrayContaining(['meta', 'catalog', 'measure']));
    for (const endpoint of api.endpoints) {
      for (const p of ['p50', 'p95', 'p99'] as const) {
        expect(isNumber(endpoint.cached[p]), `${endpoint.path} cached ${p}`).toBe(true);
        if (endpoint.kind === 'measure') expect(isNumber(endpoint.uncached?.[p]) && isNumber(endpoint.direct?.[p]), `${endpoint.path} ${p}`).toBe(true);
      }
    }
    expect(api.endpoints.some((e) => e.path.includes('by=ageBand%2Csex'))).toBe(true);
    if (!hasFigures(api.throughput)) throw new Error('no throughput figures');
    expect(api.throughput.runs.map((r) => r.connections)).toEqual([1, 10, 50]);
    for (const r of api.throughput.runs) expect(r.requestsPerSecond).toBeGreaterThan(0);
    expect(isNumber(api.serverRss.rssBytes)).toBe(true);
    // The same requests side by side with a server that has sign-in on (an API token): every sample answered.
    const signIn = api.signIn!;
    expect(signIn.queries.map((q) => q.path)).toEqual(api.endpoints.filter((e) => e.kind === 'measure').map((e) => e.path));
    for (const q of signIn.queries) expect([q.off.n, q.on.n, q.direct.n], q.path).toEqual([5, 5, 5]);
    expect(signIn.cached.map((e) => [e.path, e.on.n, e.off.n])).toEqual(api.endpoints.map((e) => [e.path, 20, 20]));
    for (const value of [signIn.ratio, signIn.overhead, signIn.overheadWithout, signIn.cachedRatio, signIn.worstCachedP95]) expect(isNumber(value)).toBe(true);

    // The translated SQL gives PostgreSQL's answer cell for cell equal to DuckDB's.
    expect(postgres.queries.length).toBeGreaterThanOrEqual(4);
    for (const q of postgres.queries) {
      expect(q.resultsMatch, q.id).toBe(true);
      expect(isNumber(q.ratio)).toBe(true);
    }
    expect(isNumber(postgres.speedup)).toBe(true);

    expect(dashboard.cold.ms).toBeGreaterThan(0);
    // Every other page of the dashboard rendered completely (issue 17).
    expect(Object.keys(dashboard.renders ?? {}).sort()).toEqual(['audit', 'cohort-profile', 'cohorts', 'costs', 'explore', 'library', 'overview', 'places', 'quality', 'reports']);
    for (const render of Object.values(dashboard.renders ?? {})) {
      expect(render.coldMs).toBeGreaterThan(0);
      expect(render.warmMs).toBeGreaterThan(0);
    }
    expect(dashboard.cold.marks).toBeGreaterThan(0);
    expect(dashboard.cold.tilesWithNumbers).toBeGreaterThan(0);
    expect(isNumber(dashboard.warmMs)).toBe(true);

    // 6. FHIR load: the same 1,000 people as NDJSON, one Patient resource each, every resource counted.
    const { fhir } = run!;
    if (!hasFigures(fhir)) throw new Error(`no FHIR load figures: ${JSON.stringify(fhir)}`);
    expect(fhir.people).toBe(1000);
    expect(fhir.resourcesByType.Patient).toBe(1000);
    expect(Object.keys(fhir.resourcesByType)).toEqual(expect.arrayContaining(['Encounter', 'Observation', 'Condition', 'Claim']));
    expect(fhir.resources).toBe(Object.values(fhir.resourcesByType).reduce((a, b) => a + b, 0));
    expect(fhir.resourcesPerSecond).toBeCloseTo(fhir.resources / fhir.seconds, 6);
    expect(fhir.stages.map((s) => s.stage)).toContain('1/7 extract (fhir)');

    // 8. Sharded PostgreSQL: DuckDB's cells on 1, 2 and 4 shards, every shard's aggregate pushed down, and the core-table peer.
    const { shards } = run!;
    if (!hasFigures(shards)) throw new Error(`no sharded PostgreSQL figures: ${JSON.stringify(shards)}`);
    expect(shards.publish.map((p) => p.shards)).toEqual([1, 2, 4]);
    for (const q of shards.queries) for (const sharded of q.sharded) expect(sharded.resultsMatch, `${q.id} on ${sharded.shards}`).toBe(true);
    for (const p of shards.pushdown) expect([p.aggregatesPushed, p.asyncScans >= (p.shards > 1 ? p.shards : 0)]).toEqual([p.shards, true]);
    expect(shards.peer).toHaveLength(3);
    for (const p of shards.peer) expect(isNumber(p.ratio) && isNumber(p.apiSharded?.p50), p.id).toBe(true);

    // 9. Report e-mails: each of the six views timed, the report delivered to every one of the 100 recipients.
    const { reports } = run!;
    if (!hasFigures(reports)) throw new Error(`no report figures: ${JSON.stringify(reports)}`);
    expect(reports.views).toHaveLength(6);
    for (const view of reports.views) expect(view.render.n, view.id).toBe(reports.rounds);
    expect(reports.delivery).toMatchObject({ recipients: 100, views: 6, messages: 100 });
    expect(reports.delivery.seconds).toBeGreaterThan(0);
    // Recipients under different row restrictions: every row, and counties, organizations and payers.
    expect(reports.delivery.restrictions).toBeGreaterThan(3);

    // 10. Cohort preview: every definition of the builder session asked new, then repeated.
    const { cohorts } = run!;
    if (!hasFigures(cohorts)) throw new Error(`no cohort preview figures: ${JSON.stringify(cohorts)}`);
    expect(cohorts.fresh.n).toBe(cohorts.definitions);
    expect(cohorts.repeat.n).toBe(3 * cohorts.definitions);
    expect(Object.values(cohorts.statuses).reduce((a, b) => a + b, 0)).toBe(4 * cohorts.definitions);

    // A verdict for every target, from a measured value.
    expect(run!.targets.map((t) => t.id)).toEqual(TARGETS.map((t) => t.id));
    for (const target of run!.targets) {
      // Perturbation is judged on cells of 1,000 people or more, which 1,000 people do not make.
      if (target.id === 'perturbation-vs-ci') {
        expect(target.status).toBe('SKIP');
        continue;
      }
      expect(['PASS', 'FAIL'], target.id).toContain(target.status);
      expect(isNumber(target.value), target.id).toBe(true);
    }
    expect(results.scaling).toHaveLength(1);
    expect(stderr).toMatch(/(PASS|FAIL) Load time \/ DuckDB read_csv/);

    // --no-docs: the committed page is left alone; the run cleaned up after itself.
    expect(existsSync(docs) ? readFileSync(docs, 'utf8') : null).toBe(docsBefore);
    expect(readdirSync(dir).filter((name) => name.startsWith('popsight-bench-'))).toEqual([]);
  }, 600_000);
});
