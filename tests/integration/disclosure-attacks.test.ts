// The attacks of issue 13, replayed as a determined user would, over HTTP, on a generated population
// of 3,000 people (the size), against two servers on the same data: one publishing perturbed
// counts (the default) and one with exact counts (the trusted-environment setting, protected per
// response by small-cell and complementary suppression, as Popsight was when the issue was filed).
// Every derived value is checked against the truth, counted here by SQL over the warehouse file.
//
// On exact counts each attack must work (every derivation is exact: the attack is real). On perturbed
// counts a derived value is the truth plus a sum of independent noises: it equals the truth only when
// those noises happen to cancel, and nothing tells the attacker when. So the suite asserts that exact
// derivations of counts of 1–10 are no more frequent than such chance cancellations (at most a third
// of the derivations) and that derivations are wrong by at least one person on average; and, for the
// interval inversion, which perturbation alone would not stop, that no population of 1–10 is read.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../cli/start-server.ts';
import { gammaQuantile, US_2000_STANDARD } from '../../core/stats/index.ts';
import { openDatabase, type Database } from '../../core/warehouse/database.ts';
import { buildTestWarehouse, type TestWarehouse } from '../helpers/test-server.ts';

type Row = Record<string, string | number | boolean | null> & { period: string; numerator: number | null; suppressed: boolean };

/** Derived values of hidden counts against the truth: how many, how many exactly right, and the mean error. */
class Tally {
  derivations = 0;
  exact = 0;
  private errors = 0;

  /** Records one derivation of a count whose truth is 1–10 (others are not what the attacker is after). */
  add(derived: number, truth: number): void {
    if (truth < 1 || truth > 10) return;
    this.derivations++;
    if (Math.abs(derived - truth) < 1e-9) this.exact++;
    this.errors += Math.abs(derived - truth);
  }

  get meanError(): number {
    return this.derivations ? this.errors / this.derivations : 0;
  }
}

/** Published counts do not give the attacker certainty: exact only by chance, and off by a person or more on average. */
function expectNoCertainty(tally: Tally): void {
  expect(tally.derivations).toBeGreaterThanOrEqual(10);
  expect(tally.exact / tally.derivations).toBeLessThanOrEqual(1 / 3);
  expect(tally.meanError).toBeGreaterThanOrEqual(1);
}

describe('attacks of issue 13 on 3,000 generated people', () => {
  let built: TestWarehouse;
  let perturbed: RunningServer;
  let exact: RunningServer;
  let db: Database;
  const stateRoot = mkdtempSync(join(tmpdir(), 'popsight-attacks-'));

  beforeAll(async () => {
    built = await buildTestWarehouse({ people: 3_000, seed: 11 });
    const exactCopy = join(built.dir, 'exact.duckdb');
    copyFileSync(built.warehouse, exactCopy);
    perturbed = await startServer({ warehouse: built.warehouse, port: 0, host: '127.0.0.1', stateDir: join(stateRoot, 'perturbed') });
    exact = await startServer({ warehouse: exactCopy, port: 0, host: '127.0.0.1', stateDir: join(stateRoot, 'exact'), exactCounts: true });
    db = await openDatabase(built.warehouse, { readOnly: true });
  }, 240_000);
  afterAll(async () => {
    db?.close();
    await perturbed?.close();
    await exact?.close();
    built?.remove();
    rmSync(stateRoot, { recursive: true, force: true });
  });

  const rows = async (server: RunningServer, path: string): Promise<Row[]> => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status, path).toBe(200);
    return ((await response.json()) as { rows: Row[] }).rows;
  };
  const truth = async (sql: string, values: (string | number)[] = []) => db.query<Record<string, string | number>>(sql, values);
  const both = [['exact', () => exact], ['perturbed', () => perturbed]] as const;

  it('1. periods: hidden years from the whole span minus its shown years, hidden months from their year minus its shown months', async () => {
    // Every condition group: each adds hidden years to attack (the calibrated demo has fewer cases of some).
    const conditions = ['diabetes', 'hypertension', 'hyperlipidemia', 'asthma', 'copd', 'heart_failure', 'depression', 'stroke', 'ckd', 'cad', 'atrial_fibrillation', 'osteoarthritis', 'obesity'];
    const byGroup = (grain: string, label: string, columns: string) => truth(
      `SELECT 'county' AS dimension, county AS value, strftime(period_start, '${label}') AS period, ${columns} FROM mart.person_${grain} GROUP BY ALL
       UNION ALL SELECT 'organization', organization, strftime(period_start, '${label}'), ${columns} FROM mart.person_${grain} GROUP BY ALL`);
    const yearTruths = await byGroup('year', '%Y', conditions.map((c) => `count(*) FILTER (WHERE has_${c}) AS ${c}`).join(', '));
    const monthTruths = await byGroup('month', '%Y-%m', 'sum(inpatient_admits) AS inpatient, sum(ed_visits) AS ed');
    const truthOf = (table: Record<string, string | number>[], dimension: string, value: string, period: string, column: string) =>
      Number(table.find((r) => r.dimension === dimension && r.value === value && r.period === period)?.[column] ?? 0);
    for (const [mode, server] of both) {
      const tally = new Tally();
      // The organizations a user can filter by: those the server lists.
      const { county: counties, organization: organizations } = (await (await fetch(`${server().url}/api/dimensions`)).json()) as Record<string, string[]>;
      for (const [dimension, value] of [...counties.map((c) => ['county', c]), ...organizations.map((o) => ['organization', o])] as const) {
        const q = `${dimension}=${encodeURIComponent(value)}`;
        const cell = (table: Record<string, string | number>[], period: string, column: string) => truthOf(table, dimension, value, period, column);
        // Prevalence: the whole span minus the shown years gives the hidden years together.
        for (const condition of conditions) {
          const id = `${condition.replace('_', '-')}-prevalence`;
          const [all] = await rows(server(), `/api/measures/${id}?period=all&${q}`);
          const yearly = await rows(server(), `/api/measures/${id}?period=year&${q}`);
          const hidden = yearly.filter((r) => r.suppressed);
          if (!all || all.suppressed || hidden.length === 0) continue;
          const derived = all.numerator! - yearly.filter((r) => !r.suppressed).reduce((s, r) => s + r.numerator!, 0);
          tally.add(derived, hidden.reduce((s, r) => s + cell(yearTruths, r.period, condition), 0));
        }
        // Admissions and ED visits: a year minus its shown months gives its hidden months together.
        for (const [id, column] of [['inpatient-admissions-per-1000', 'inpatient'], ['ed-visits-per-1000', 'ed']] as const) {
          const byYear = await rows(server(), `/api/measures/${id}?period=year&${q}`);
          const byMonth = await rows(server(), `/api/measures/${id}?period=month&${q}`);
          for (const year of byYear.filter((r) => !r.suppressed)) {
            const inYear = byMonth.filter((r) => r.period.startsWith(`${year.period}-`));
            const hidden = inYear.filter((r) => r.suppressed);
            if (hidden.length === 0) continue;
            const derived = year.numerator! - inYear.filter((r) => !r.suppressed).reduce((s, r) => s + r.numerator!, 0);
            tally.add(derived, hidden.reduce((s, r) => s + cell(monthTruths, r.period, column), 0));
          }
        }
      }
      if (mode === 'exact') expect(tally.exact, 'on exact counts the attack recovers every hidden value it reaches').toBe(tally.derivations);
      else expectNoCertainty(tally);
    }
  }, 300_000);

  it('2. overlapping groupings: ages 15–17, 18–24, 45–49 and 50–54 from age bands against NCHS age groups', async () => {
    const measures = ['diabetes', 'hypertension', 'hyperlipidemia', 'asthma', 'obesity', 'depression'];
    for (const [mode, server] of both) {
      const tally = new Tally();
      for (const condition of measures) {
        const id = `${condition}-prevalence`;
        const truths = await truth(
          `SELECT strftime(period_start, '%Y') AS period,
                  count(*) FILTER (WHERE has_${condition} AND age BETWEEN 15 AND 17) AS a15,
                  count(*) FILTER (WHERE has_${condition} AND age BETWEEN 18 AND 24) AS a18,
                  count(*) FILTER (WHERE has_${condition} AND age BETWEEN 45 AND 49) AS a45,
                  count(*) FILTER (WHERE has_${condition} AND age BETWEEN 50 AND 54) AS a50
           FROM mart.person_year GROUP BY 1`);
        const bands = await rows(server(), `/api/measures/${id}?period=year&by=ageBand`);
        const groups = await rows(server(), `/api/measures/${id}?period=year&by=stdAgeGroup`);
        for (const t of truths) {
          const band = (value: string) => bands.find((r) => r.period === t.period && r.ageBand === value);
          const group = (value: string) => groups.find((r) => r.period === t.period && r.stdAgeGroup === value);
          const shown = (...cells: (Row | undefined)[]) => cells.every((c) => c && !c.suppressed);
          const n = (c: Row | undefined) => c!.numerator!;
          const [b017, g0, g1, g5, g15] = [band('0-17'), group('<1'), group('1-4'), group('5-14'), group('15-24')];
          if (shown(b017, g0, g1, g5)) {
            const a15 = n(b017) - n(g0) - n(g1) - n(g5);
            tally.add(a15, Number(t.a15));
            if (shown(g15)) tally.add(n(g15) - a15, Number(t.a18));
          }
          const [b3549, g35, g45, b5064, g55] = [band('35-49'), group('35-44'), group('45-54'), band('50-64'), group('55-64')];
          if (shown(b3549, g35)) {
            const a45 = n(b3549) - n(g35);
            tally.add(a45, Number(t.a45));
            if (shown(g45)) tally.add(n(g45) - a45, Number(t.a50));
          }
          if (shown(b5064, g55)) tally.add(n(b5064) - n(g55), Number(t.a50)); // 50–64 minus 55–64 is 50–54
        }
      }
      if (mode === 'exact') expect(tally.exact).toBe(tally.derivations);
      else expectNoCertainty(tally);
    }
  }, 240_000);

  it('3. linear algebra: hidden cells of county × ZIP3 and sex × race from their shown margins (above and below the audit threshold)', async () => {
    const tables = [
      { a: 'county', b: 'zip3', columnA: 'county', columnB: 'zip3' },
      { a: 'sex', b: 'race', columnA: 'sex', columnB: 'race' },
    ];
    for (const [mode, server] of both) {
      const tally = new Tally();
      for (const { a, b, columnA, columnB } of tables) {
        const truths = await truth(
          `SELECT strftime(period_start, '%Y') AS period, ${columnA} AS a, ${columnB} AS b, count(*) FILTER (WHERE has_hypertension) AS n
           FROM mart.person_year GROUP BY ALL`);
        const truthOf = (period: string, va: string, vb: string) => Number(truths.find((t) => t.period === period && t.a === va && t.b === vb)?.n ?? 0);
        const cells = await rows(server(), `/api/measures/hypertension-prevalence?period=year&by=${a},${b}`);
        const byA = await rows(server(), `/api/measures/hypertension-prevalence?period=year&by=${a}`);
        const byB = await rows(server(), `/api/measures/hypertension-prevalence?period=year&by=${b}`);
        // Each hidden cell alone in its row (or column) whose margin is shown: the margin minus the shown cells.
        for (const [dimension, other, margins] of [[a, b, byA], [b, a, byB]] as const) {
          for (const margin of margins.filter((m) => !m.suppressed)) {
            const line = cells.filter((c) => c.period === margin.period && c[dimension] === margin[dimension]);
            const hidden = line.filter((c) => c.suppressed);
            if (hidden.length !== 1) continue;
            const derived = margin.numerator! - line.filter((c) => !c.suppressed).reduce((s, c) => s + c.numerator!, 0);
            const cell = hidden[0]!;
            const [va, vb] = dimension === a ? [String(margin[a]), String(cell[other])] : [String(cell[other]), String(margin[b])];
            tally.add(derived, truthOf(margin.period, va, vb));
          }
        }
      }
      if (mode === 'exact') expect(tally.exact).toBe(tally.derivations);
      else expectNoCertainty(tally);
    }
  }, 240_000);

  it('4. interval inversion: the Fay–Feuer limits never give away the population of an age group of 1–10 people', async () => {
    const alpha = 0.05;
    const scale = 100;
    const weights = new Map(US_2000_STANDARD.map((s) => [s.ageGroup, s.weight]));
    const populations = await truth(
      `SELECT strftime(period_start, '%Y') AS period, county, std_age_group AS g, count(*) AS n FROM mart.person_year GROUP BY ALL`);
    for (const [mode, server] of both) {
      let inverted = 0;
      let recovered = 0;
      for (const row of await rows(server(), '/api/measures/diabetes-prevalence?period=year&by=county&adjust=age')) {
        const [rate, low, high] = [row.adjustedRate, row.adjustedCiLow, row.adjustedCiHigh] as (number | null)[];
        if (row.suppressed || !rate || !low || !high) continue;
        const y = rate / scale;
        // The attacker's algebra: v from the lower limit, then the largest per-person weight from the upper.
        const v = bisect((x) => gammaQuantile(alpha / 2, (y * y) / x, x / y) - low / scale, 1e-14, 10 * y);
        const wMax = bisect((w) => gammaQuantile(1 - alpha / 2, (y + w) ** 2 / (v + w * w), (v + w * w) / (y + w)) - high / scale, 1e-12, 1);
        inverted++;
        const groups = populations.filter((p) => p.period === row.period && p.county === row.county);
        const totalWeight = groups.reduce((s, p) => s + weights.get(String(p.g))!, 0);
        for (const p of groups) {
          const n = Number(p.n);
          if (n < 1 || n > 10) continue;
          const w = weights.get(String(p.g))! / totalWeight / n;
          if (Math.abs(wMax - w) / w < 1e-6) recovered++;
        }
      }
      expect(inverted).toBeGreaterThan(50);
      if (mode === 'exact') expect(recovered, 'on exact counts the sparsest age group is read').toBeGreaterThan(0);
      else expect(recovered).toBe(0);
    }
  }, 240_000);

  it('6. reasons: a hidden cell of published counts says only that its count is small (or a cost dominated), never that it hides another', async () => {
    const reasons = new Set<unknown>();
    for (const path of ['/api/measures/diabetes-prevalence?period=year&by=county,ageBand', '/api/measures/cost-pmpm?period=year&by=county,race', '/api/measures/ed-visits-per-1000?period=month&by=sex']) {
      for (const row of await rows(perturbed, path)) if (row.suppressed) reasons.add(row.suppressionReason);
    }
    expect(reasons.has('small-cell')).toBe(true);
    expect([...reasons].every((reason) => reason === 'small-cell' || reason === 'dominance')).toBe(true);
  });

  it('repeats: the same question, asked again or in another form, gets the same answer, so noise cannot be averaged away', async () => {
    const asked = [
      ['/api/measures/diabetes-prevalence?period=year&by=county', '/api/measures/diabetes-prevalence?by=county&period=year'],
      ['/api/measures/ed-visits-per-1000?period=year&by=sex&race=white', '/api/measures/ed-visits-per-1000?race=white&by=sex&period=year'],
    ];
    for (const [first, second] of asked) {
      const answers = [await rows(perturbed, first!), await rows(perturbed, first!), await rows(perturbed, second!)];
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
    // Logically equivalent: the white row of sex × race is the sex table filtered to white.
    const cross = await rows(perturbed, '/api/measures/ed-visits-per-1000?period=year&by=sex,race');
    const filtered = await rows(perturbed, '/api/measures/ed-visits-per-1000?period=year&by=sex&race=white');
    for (const row of filtered) {
      const same = cross.find((c) => c.period === row.period && c.sex === row.sex && c.race === 'white')!;
      expect(row.numerator).toBe(same.numerator);
      expect(row.rate).toBeCloseTo(same.rate as number, 9);
    }
  });
});

/** The root of an increasing or decreasing function between lo and hi, by bisection. */
function bisect(f: (x: number) => number, lo: number, hi: number): number {
  const rising = f(hi) > f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) > 0) === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
