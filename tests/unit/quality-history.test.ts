// Each check's history across runs, read from a quality.results table written here by hand: three runs
// appended in an order their clocks contradict, with a check that fails, then resolves, a check that
// appears in the last run only, and small counts that disclosure control must hide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { changeBetween, readQualityHistory, type QualityHistory } from '../../core/quality/quality-history.ts';

// run, clock, check, status, checked, failed, threshold, stored comparison
const RESULTS: [string, string, string, 'pass' | 'fail', number, number, number, string | null][] = [
  ['run-a', '2026-03-01T10:00:00Z', 'encounter-after-death', 'pass', 600, 0, 0, null],
  ['run-a', '2026-03-01T10:00:00Z', 'person-zip3-missing', 'fail', 200, 40, 5, 'new'],
  // run-b was appended second but given an earlier clock (a re-run on an older copy): order is append order.
  ['run-b', '2026-02-01T10:00:00Z', 'encounter-after-death', 'fail', 620, 20, 0, null],
  ['run-b', '2026-02-01T10:00:00Z', 'person-zip3-missing', 'fail', 210, 40, 5, null],
  ['run-c', '2026-04-01T10:00:00Z', 'encounter-after-death', 'pass', 640, 0, 0, null],
  ['run-c', '2026-04-01T10:00:00Z', 'person-zip3-missing', 'fail', 220, 4, 0, null],
  ['run-c', '2026-04-01T10:00:00Z', 'observation-in-future', 'fail', 1000, 30, 1, null],
];

describe('quality history across loads', () => {
  let db: Database;
  let exact: QualityHistory;
  let shielded: QualityHistory;

  beforeAll(async () => {
    db = await openDatabase(':memory:');
    await db.run('CREATE SCHEMA quality');
    await db.run(`CREATE TABLE quality.results (run_id VARCHAR, check_id VARCHAR, category VARCHAR, subcategory VARCHAR, description VARCHAR,
      rows_checked BIGINT, rows_failed BIGINT, percent_failed DOUBLE, threshold DOUBLE, status VARCHAR, comparison VARCHAR, severity VARCHAR, checked_at TIMESTAMP)`);
    for (const [run, clock, check, status, checked, failed, threshold, comparison] of RESULTS) {
      await db.run('INSERT INTO quality.results VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8, $9, $10, $11, $12::TIMESTAMP)', [
        run, check, 'plausibility', `rows of ${check}`, checked, failed, (100 * failed) / checked, threshold, status, comparison, 'error', clock,
      ]);
    }
    exact = (await readQualityHistory(db, { exactCounts: true }))!;
    shielded = (await readQualityHistory(db))!;
  });
  afterAll(() => db.close());

  const check = (history: QualityHistory, id: string) => history.checks.find((c) => c.id === id)!;

  it('lists the runs in the order they were appended, with their pass and fail counts', () => {
    expect(exact.runs).toEqual([
      { runId: 'run-a', checkedAt: '2026-03-01T10:00:00.000Z', checks: 2, passed: 1, failed: 1 },
      { runId: 'run-b', checkedAt: '2026-02-01T10:00:00.000Z', checks: 2, passed: 0, failed: 2 },
      { runId: 'run-c', checkedAt: '2026-04-01T10:00:00.000Z', checks: 3, passed: 1, failed: 2 },
    ]);
  });

  it('marks a check new when it starts failing, resolved when it passes again, stable otherwise', () => {
    expect(check(exact, 'encounter-after-death').runs.map((r) => [r.runId, r.status, r.change])).toEqual([
      ['run-a', 'pass', null], // the first run keeps the load's own comparison (none stored)
      ['run-b', 'fail', 'new'],
      ['run-c', 'pass', 'resolved'],
    ]);
    expect(check(exact, 'person-zip3-missing').runs.map((r) => r.change)).toEqual(['new', 'stable', 'stable']);
    // Not in the runs before and failing: new; it has one entry only.
    expect(check(exact, 'observation-in-future').runs.map((r) => [r.runId, r.change])).toEqual([['run-c', 'new']]);
  });

  it('gives the counts, the latest threshold and the failing share of each run', () => {
    const zip3 = check(exact, 'person-zip3-missing');
    expect(zip3.threshold).toBe(0);
    expect(zip3.runs.map((r) => [r.rowsChecked, r.rowsFailed, r.percentFailed])).toEqual([[200, 40, 20], [210, 40, 19.0476], [220, 4, 1.8182]]);
  });

  it('hides a failing count of 1–10 without exact counts, and the share with it', () => {
    const last = check(shielded, 'person-zip3-missing').runs[2];
    expect(last).toMatchObject({ status: 'fail', change: 'stable', rowsChecked: 220, rowsFailed: null, percentFailed: null, suppressed: true });
    expect(check(shielded, 'person-zip3-missing').runs[0]).toMatchObject({ rowsFailed: 40, suppressed: false });
  });

  it('applies the rule of the load’s own comparison', () => {
    expect(changeBetween(undefined, 'pass', true)).toBeNull();
    expect(changeBetween('pass', 'pass', false)).toBeNull();
    expect([changeBetween('pass', 'fail', true), changeBetween('fail', 'pass', true), changeBetween('fail', 'fail', true)]).toEqual(['new', 'resolved', 'stable']);
  });

  it('is null for a warehouse without quality.results', async () => {
    const empty = await openDatabase(':memory:');
    try {
      expect(await readQualityHistory(empty)).toBeNull();
    } finally {
      empty.close();
    }
  });
});
