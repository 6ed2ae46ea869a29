// popsight status / quality / quarantine / --version, run as a user would on a warehouse built from a
// broken copy of nj27 appended to a clean load; every number is checked against SQL on etl.* and
// quality.results, and every quarantine group against the rows broken here by hand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMessages } from '../../core/loads/load-messages.ts';
import { openDatabase } from '../../core/warehouse/database.ts';
import { loadExtract, type LoadResult } from '../../pipelines/load.ts';
import { appendLines, copyOfNj27, firstRow, NJ27 } from '../helpers/extract-fixtures.ts';
import { runPopsight } from '../helpers/run-popsight.ts';
import { quietLoadDeps } from '../helpers/test-env.ts';

/** An identifier planted in a broken row: it must never come out of `popsight quarantine`. */
const PLANTED_PATIENT = 'planted-patient-7f3c91';
const PLANTED_ENCOUNTER = 'planted-encounter-2b8e44';

describe('warehouse commands on a warehouse loaded from a broken extract', () => {
  const dir = mkdtempSync(join(tmpdir(), 'popsight-wc-'));
  const warehouse = join(dir, 'w.duckdb');
  const loadLog: string[] = [];
  let lastRun = '';
  let loadResult: LoadResult;
  let sql: <T extends Record<string, unknown>>(text: string, values?: (string | number)[]) => Promise<T[]>;

  beforeAll(async () => {
    await loadExtract({ source: NJ27, warehouse, secretsFile: join(dir, 'key') }, quietLoadDeps);
    const extract = copyOfNj27();
    const enc = firstRow(extract, 'encounters.csv');
    const encounterWith = (changes: Record<number, string>) => enc.map((v, i) => changes[i] ?? v).join(',');
    appendLines(extract, 'encounters.csv', [
      encounterWith({ 0: PLANTED_ENCOUNTER, 1: '2020-13-45' }), // line 606: start, unparseable date
      encounterWith({ 0: 'e-bad-date-2', 1: '2020-13-46' }), // 607: same rule
      encounterWith({ 0: 'e-orphan', 3: PLANTED_PATIENT }), // 608: orphan patient reference
      encounterWith({ 0: 'e-class', 7: 'teleportation' }), // 609: unknown class, text shown as its length
    ]);
    const obs = firstRow(extract, 'observations.csv');
    // lines 992–1004: 13 HbA1c values of 87 %, a group above 10 rows
    appendLines(extract, 'observations.csv', Array.from({ length: 13 }, () => [obs[0], obs[1], '', 'laboratory', '4548-4', 'Hemoglobin A1c', '87', '%', 'numeric'].join(',')));
    loadResult = await loadExtract({ source: extract, warehouse, secretsFile: join(dir, 'key') }, { ...quietLoadDeps, log: (m: string) => loadLog.push(m) });
    rmSync(join(extract, '..'), { recursive: true, force: true });
    sql = async (text, values = []) => {
      const db = await openDatabase(warehouse, { readOnly: true });
      try {
        return await db.query(text, values);
      } finally {
        db.close();
      }
    };
    [{ run: lastRun }] = await sql<{ run: string }>('SELECT run_id AS run FROM etl.runs ORDER BY finished_at DESC LIMIT 1');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the package version with --version', async () => {
    const { code, stdout } = await runPopsight(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')).version);
  });

  it('names the failing checks in the load’s quality line, which still starts "N of M checks pass"', async () => {
    const failing = (await sql<{ id: string }>("SELECT check_id AS id FROM quality.results WHERE run_id = $1 AND status = 'fail' ORDER BY check_id", [lastRun])).map((r) => r.id);
    const [{ passed, checks }] = await sql<{ passed: number; checks: number }>("SELECT count(*) FILTER (status = 'pass') AS passed, count(*) AS checks FROM quality.results WHERE run_id = $1", [lastRun]);
    expect(failing.length).toBeGreaterThan(0);
    const line = loadLog.find((m) => m.startsWith('6/7 quality: ') && m.includes('checks pass'))!;
    expect(line).toMatch(new RegExp(`^6/7 quality: ${passed} of ${checks} checks pass \\(failing: `));
    for (const id of failing) expect(line).toContain(id);
  });

  it('names the failing checks and the quarantined rows in the load’s closing summary', async () => {
    const failing = (await sql<{ id: string }>("SELECT check_id AS id FROM quality.results WHERE run_id = $1 AND status = 'fail' ORDER BY rowid", [lastRun])).map((r) => r.id);
    const [{ quarantined }] = await sql<{ quarantined: number }>('SELECT count(*) AS quarantined FROM etl.quarantine WHERE run_id = $1', [lastRun]);
    const [{ passed }] = await sql<{ passed: number }>("SELECT count(*) AS passed FROM quality.results WHERE run_id = $1 AND status = 'pass'", [lastRun]);
    expect(loadResult.quality).toEqual({ checks: passed + failing.length, passed, failing });
    const summary = loadMessages.loadSummary(loadResult, warehouse);
    expect(summary).toContain(`; ${quarantined} rows quarantined (popsight quarantine --warehouse ${warehouse} lists them)`);
    expect(summary).toContain(`; ${loadResult.quality!.passed} of ${loadResult.quality!.checks} checks pass; failing: ${failing.join(', ')} (popsight quality --warehouse ${warehouse}).`);
  });

  it('status: data version, dates, exact people and the last load’s counts, as etl.* hold them', async () => {
    const { code, stdout } = await runPopsight(['status', '--warehouse', warehouse]);
    expect(code).toBe(0);
    const [info] = await sql<{ data_version: string; min_date: string; max_date: string }>('SELECT data_version, min_date, max_date FROM etl.warehouse_info');
    const [{ people }] = await sql<{ people: number }>('SELECT count(*) AS people FROM core.person');
    const [totals] = await sql<{ files: number; read: number; loaded: number; quarantined: number }>(
      'SELECT count(*) AS files, sum(read)::BIGINT AS read, sum(loaded)::BIGINT AS loaded, sum(quarantined)::BIGINT AS quarantined FROM etl.file_counts WHERE run_id = $1', [lastRun]);
    expect(stdout).toContain(warehouse);
    expect(stdout).toContain(`Data version  ${info.data_version}`);
    expect(stdout).toContain(`${info.min_date} to ${info.max_date}`);
    expect(stdout).toMatch(new RegExp(`People +${people} \\(exact`));
    expect(stdout).toContain(`${totals.files} files, run ${lastRun}`);
    expect(stdout).toContain(`${totals.read.toLocaleString('en-US')} read, ${totals.loaded.toLocaleString('en-US')} loaded, ${totals.quarantined} quarantined`);
    expect(totals.quarantined).toBe(4 + 13);
  });

  it('quality: lists exactly the failing checks of the last run with counts, threshold and comparison, exit 0', async () => {
    const { code, stdout } = await runPopsight(['quality', '--warehouse', warehouse]);
    expect(code).toBe(0);
    const results = await sql<{ id: string; status: string; rows_failed: number; rows_checked: number; threshold: number; comparison: string | null }>(
      'SELECT check_id AS id, status, rows_failed, rows_checked, threshold, comparison FROM quality.results WHERE run_id = $1', [lastRun]);
    const listed = [...stdout.matchAll(/^(?:FAIL|WARN|pass) {2}(\S+)/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(results.filter((r) => r.status === 'fail').map((r) => r.id).sort());
    for (const r of results.filter((r) => r.status === 'fail')) {
      const line = stdout.split('\n').find((l) => l.includes(`  ${r.id}  `))!;
      expect(line).toContain(`${r.rows_failed} of ${r.rows_checked} rows fail (threshold ${r.threshold}%)`);
      expect(line).toContain(r.comparison!); // compared with the clean load before: new or stable
    }
    expect(stdout).toContain(`${results.filter((r) => r.status === 'pass').length} of ${results.length} pass`);
  });

  it('quality --all: every check', async () => {
    const { code, stdout } = await runPopsight(['quality', '--warehouse', warehouse, '--all']);
    expect(code).toBe(0);
    const [{ n }] = await sql<{ n: number }>('SELECT count(*) AS n FROM quality.results WHERE run_id = $1', [lastRun]);
    expect([...stdout.matchAll(/^(?:FAIL|WARN|pass) {2}\S+/gm)]).toHaveLength(n);
  });

  it('quarantine: every group of etl.quarantine with its count, and the broken rows by file, line and rule', async () => {
    const { code, stdout } = await runPopsight(['quarantine', '--warehouse', warehouse]);
    expect(code).toBe(0);
    const groups = await sql<{ file: string; field: string; reason: string; n: number }>(
      'SELECT file, field, reason, count(*) AS n FROM etl.quarantine WHERE run_id = $1 GROUP BY ALL', [lastRun]);
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(stdout).toContain(`${g.file}  ${g.field}: ${g.reason}  ${g.n} row${g.n === 1 ? '' : 's'}`);
    const blocks = stdout.split('\n\n');
    const block = (file: string, field: string) => blocks.find((b) => b.startsWith(`${file}  ${field}:`))!;
    expect(block('encounters.csv', 'start')).toContain('line 606: start = "2020-13-45"');
    expect(block('encounters.csv', 'start')).toContain('line 607: start = "2020-13-46"');
    expect(block('encounters.csv', 'patient')).toMatch(/orphan reference[\s\S]*line 608: patient = \(identifier, not shown\)/);
    expect(block('encounters.csv', 'encounterclass')).toContain('line 609: encounterclass = "text of 13 characters"');
    // 13 rows, 3 examples: the first three lines
    const hba1c = block('observations.csv', 'value');
    expect(hba1c).toContain('value outside the plausible range');
    expect([...hba1c.matchAll(/line (\d+): value = "87"/g)].map((m) => Number(m[1]))).toEqual([992, 993, 994]);
    expect(hba1c).toContain('… and 10 more rows');
    expect(stdout).toContain(`The last load (run ${lastRun}) quarantined 17 rows in 4 groups`);
  });

  it('quarantine: no identifier comes out, neither the planted raw ids nor their pseudonyms', async () => {
    const { stdout, stderr } = await runPopsight(['quarantine', '--warehouse', warehouse]);
    const [{ value: pseudonym }] = await sql<{ value: string }>("SELECT value FROM etl.quarantine WHERE run_id = $1 AND field = 'patient'", [lastRun]);
    expect(pseudonym).toBeTruthy();
    for (const secret of [PLANTED_PATIENT, PLANTED_ENCOUNTER, pseudonym]) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  });

  it('stops with a message naming the file for a warehouse that does not exist', async () => {
    const missing = join(dir, 'none.duckdb');
    const { code, stderr } = await runPopsight(['status', '--warehouse', missing]);
    expect(code).toBe(1);
    expect(stderr).toContain(loadMessages.noWarehouse(missing));
  });
});
