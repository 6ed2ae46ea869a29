// The demo population lands near published figures for Massachusetts (issue 16, item 5): the demo
// itself (20,000 people, seed 1, as `popsight demo` makes it) is generated through the command line,
// each figure is computed from its CSV files with this test's own SQL, and compared with the target
// typed in from its source (generator/README.md names each, with the tolerance and why).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { calibrationSql, MORTALITY_GROUPS } from '../helpers/demo-calibration-sql.ts';

const DEMO = { people: 20_000, seed: 1 };
const outDir = mkdtempSync(join(tmpdir(), 'popsight-calibration-'));
let db: Database;
let sql: ReturnType<typeof calibrationSql>;
const one = async (query: string) => (await db.query<Record<string, number>>(query))[0]!;

/** |actual − target| ≤ tolerance, with the figure named in the failure. */
const near = (name: string, actual: number, target: number, tolerance: number) =>
  expect(Math.abs(actual - target), `${name}: ${actual.toFixed(4)} against ${target} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
const within = (name: string, actual: number, low: number, high: number) => {
  expect(actual, `${name}: ${actual.toFixed(4)} below ${low}`).toBeGreaterThanOrEqual(low);
  expect(actual, `${name}: ${actual.toFixed(4)} above ${high}`).toBeLessThanOrEqual(high);
};

beforeAll(async () => {
  // Through the command line, as the demo runs it (vitest's transform slows the simulation tenfold).
  const cli = fileURLToPath(new URL('../../generator/cli.ts', import.meta.url));
  execFileSync(process.execPath, ['--import', 'tsx', cli, '--people', String(DEMO.people), '--seed', String(DEMO.seed), '--out', outDir], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, TZ: 'UTC' },
    stdio: 'ignore',
  });
  const groups = readFileSync(new URL('../../data/reference/condition-groups.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const codesOf = (group: string) => groups.filter((g) => g[0] === group).map((g) => g[2]!);
  sql = calibrationSql(outDir, { diabetes: codesOf('diabetes'), hypertension: codesOf('hypertension') });
  db = await openDatabase(':memory:');
}, 900_000);

afterAll(() => {
  db?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('the 20,000-person demo against published figures', () => {
  it('has Massachusetts\'s 2020 census race and ethnicity mix', async () => {
    // 2020 Census P.L. 94-171, table P2, Massachusetts (7,029,917 people).
    const mix = await one(sql.mix);
    near('Hispanic or Latino', mix.hispanic!, 887_685 / 7_029_917, 0.015);
    near('non-Hispanic White', mix.white!, 4_748_897 / 7_029_917, 0.025);
    near('non-Hispanic Black', mix.black!, 457_055 / 7_029_917, 0.015);
    near('non-Hispanic Asian', mix.asian!, 504_900 / 7_029_917, 0.015);
    near('non-Hispanic other or two or more', mix.other!, (9_387 + 1_607 + 92_108 + 328_278) / 7_029_917, 0.015);
  }, 300_000);

  it('has diabetes and hypertension in about as many adults as Massachusetts BRFSS reports', async () => {
    const prevalence = await one(sql.prevalence);
    within('adult diabetes', prevalence.diabetes!, 0.075, 0.115); // about 9–10%
    within('adult hypertension', prevalence.hypertension!, 0.26, 0.34); // about 29–31%
  }, 300_000);

  it('has HbA1c poor control and blood pressure control inside the range of HEDIS plan-type averages', async () => {
    within('HbA1c > 9.0% or untested, 18–75', (await one(sql.hba1c)).share!, 0.22, 0.4);
    within('blood pressure < 140/90, 18–85', (await one(sql.bloodPressure)).share!, 0.55, 0.72);
  }, 300_000);

  it('costs about what the US spends per person on hospital, physician and clinical care', async () => {
    // CMS NHE 2022: ($1,355.0 + $884.9) billion / 333.3 million people.
    near('cost per person-year, 2024', (await one(sql.cost)).cost!, (1_355.0e9 + 884.9e9) / 333.3e6, 0.2 * 6_720);
  }, 300_000);

  it('dies at the US 2019 rates by age, within 30%', async () => {
    // NCHS, Deaths: Final Data for 2019 (NVSR 70-08): deaths per 100,000 by age.
    const US_2019: Record<string, number> = { '45-54': 392.4, '55-64': 883.3, '65-74': 1_764.6, '75-84': 4_308.3, '85+': 13_228.6 };
    const rates = Object.fromEntries((await db.query<{ grp: string; rate: number }>(sql.mortality)).map((r) => [r.grp, r.rate]));
    expect(Object.keys(rates)).toEqual([...MORTALITY_GROUPS]);
    for (const [group, rate] of Object.entries(US_2019)) near(`deaths per 100,000 at ${group}`, rates[group]!, rate, 0.3 * rate);
  }, 300_000);
});
