// The cell key method's perturbation table and keys, against hand-worked and independently computed
// values: a row with three noises solved by hand, the symmetric rows by bisection on the variance
// equation (not the table's Newton iteration), record keys by Node's own SHA-256, key sums by BigInt.
import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { addKeySums, cellKey, keyResiduesSumSql, perturbCount, RECORD_KEY_MODULUS, recordKeySql } from '../../core/disclosure/cell-key.ts';
import { DEFAULT_PERTURBATION, noiseFor, perturbationTable } from '../../core/disclosure/perturbation-table.ts';

/** Symmetric support −D…D, mean 0 by symmetry: p(d) ∝ exp(b·d²) with b found by bisection. */
function symmetricRow(D: number, V: number): number[] {
  const support = Array.from({ length: 2 * D + 1 }, (_, i) => i - D);
  const varianceAt = (b: number) => {
    const w = support.map((d) => Math.exp(b * d * d));
    const total = w.reduce((s, x) => s + x, 0);
    return support.reduce((s, d, i) => s + (d * d * w[i]!) / total, 0);
  };
  let low = -50;
  let high = 50; // the variance rises with b
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (varianceAt(mid) < V) low = mid;
    else high = mid;
  }
  const w = support.map((d) => Math.exp(low * d * d));
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / total);
}

describe('the perturbation table', () => {
  it('solves a three-noise row as by hand: D = 1, V = 0.5 gives ¼, ½, ¼', () => {
    const table = perturbationTable({ maxNoise: 1, variance: 0.5 });
    const row = table.rows.at(-1)!;
    expect(row.noise).toEqual([-1, 0, 1]);
    expect(row.probability[0]).toBeCloseTo(0.25, 12);
    expect(row.probability[1]).toBeCloseTo(0.5, 12);
    expect(row.probability[2]).toBeCloseTo(0.25, 12);
  });

  it.each([
    [5, 2],
    [3, 1],
    [8, 6.5],
  ])('gives rows beyond the cut-off the maximum-entropy symmetric distribution (D = %i, V = %d)', (D, V) => {
    const table = perturbationTable({ maxNoise: D, variance: V });
    const row = table.rows.at(-1)!;
    expect(row.count).toBe(D + 1);
    const expected = symmetricRow(D, V);
    row.probability.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 9));
    expect(row.variance).toBeCloseTo(V, 9);
  });

  it('is unbiased in every row, never makes a non-zero count zero, and keeps zero at zero', () => {
    for (const parameters of [DEFAULT_PERTURBATION, { maxNoise: 4, variance: 3 }, { maxNoise: 2, variance: 1 }, { maxNoise: 10, variance: 20 }]) {
      const table = perturbationTable(parameters);
      expect(table.rows[0]!.noise).toEqual([0]);
      for (const row of table.rows) {
        expect(row.probability.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
        for (const p of row.probability) expect(p).toBeGreaterThanOrEqual(0);
        expect(Math.abs(row.mean), `count ${row.count}`).toBeLessThan(1e-9);
        expect(row.variance).toBeLessThanOrEqual(parameters.variance + 1e-9);
        if (row.count > 0) for (const d of row.noise) expect(row.count + d, `count ${row.count}`).toBeGreaterThanOrEqual(1);
        expect(row.cumulative.at(-1)).toBe(1);
      }
    }
  });

  it('draws each noise for the share of keys its probability says (an even grid of keys)', () => {
    const table = perturbationTable();
    for (const count of [2, 3, 7, 100]) {
      const row = table.rows[Math.min(count, table.rows.length - 1)]!;
      const n = 200_000;
      const seen = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const d = noiseFor(table, count, (i + 0.5) / n);
        seen.set(d, (seen.get(d) ?? 0) + 1);
      }
      row.noise.forEach((d, i) => expect((seen.get(d) ?? 0) / n).toBeCloseTo(row.probability[i]!, 4));
    }
  });

  it('refuses parameters that cannot make a table', () => {
    expect(() => perturbationTable({ maxNoise: 0, variance: 1 })).toThrow(/maxNoise/);
    expect(() => perturbationTable({ maxNoise: 2, variance: 4 })).toThrow(/variance/);
  });
});

describe('record and cell keys', () => {
  it('computes record keys in SQL as the first 32 bits of SHA-256, and key residues exactly', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const pseudonyms = Array.from({ length: 500 }, (_, i) => createHash('sha256').update(`person ${i}`).digest('hex').slice(0, 32));
    await db.run(`CREATE TABLE person AS SELECT unnest([${pseudonyms.map((p) => `'${p}'`).join(', ')}]) AS person_id`);
    const keys = (await db.runAndReadAll(`SELECT person_id, ${recordKeySql('person_id')} AS k FROM person`)).getRowObjects();
    const expected = (p: string) => parseInt(createHash('sha256').update(`record-key:${p}`).digest('hex').slice(0, 8), 16);
    for (const { person_id: p, k } of keys) expect(Number(k)).toBe(expected(String(p)));
    const [{ residue }] = (await db.runAndReadAll(`SELECT ${keyResiduesSumSql(recordKeySql('person_id'))} AS residue FROM person`)).getRowObjects() as { residue: bigint }[];
    const total = pseudonyms.reduce((sum, p) => sum + BigInt(expected(p)), 0n);
    expect(residue).toBe(total % 4294967296n);
    expect(cellKey(residue!)).toBe(Number(total % 4294967296n) / RECORD_KEY_MODULUS);
    expect(cellKey(total)).toBe(cellKey(residue!));
  });

  it('gives a union of disjoint cells the key of its people, in any order', () => {
    const keys = [4_000_000_000, 3_999_999_999, 17, 2 ** 31, 123_456_789];
    const forward = keys.reduce(addKeySums, 0);
    const backward = [...keys].reverse().reduce(addKeySums, 0);
    expect(forward).toBe(backward);
    expect(forward).toBe(Number(keys.reduce((s, k) => s + BigInt(k), 0n) % 4294967296n));
  });

  it('gives the same set of people the same published count every time', () => {
    const table = perturbationTable();
    for (let i = 0; i < 100; i++) {
      const keySum = (i * 2_654_435_761) % RECORD_KEY_MODULUS;
      expect(perturbCount(table, 50 + i, keySum)).toBe(perturbCount(table, 50 + i, keySum));
    }
  });

  it('does not let two cells that differ by one person difference out that person', () => {
    // Cell B is cell A without one person: independent keys, so the published difference equals the
    // true difference (1) only as often as two independent noises happen to coincide.
    const table = perturbationTable();
    const row = table.rows.at(-1)!;
    const collision = row.probability.reduce((s, p) => s + p * p, 0);
    const randomKey = () => createHash('sha256').update(String(Math.random())).digest().readUInt32BE(0);
    let exact = 0;
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      const rest = randomKey();
      const person = randomKey();
      const a = perturbCount(table, 101, addKeySums(rest, person));
      const b = perturbCount(table, 100, rest);
      if (a - b === 1) exact++;
    }
    expect(exact / trials).toBeCloseTo(collision, 1);
    expect(exact / trials).toBeLessThan(0.3);
  });
});
