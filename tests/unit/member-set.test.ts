// The in-memory member sets the cohort ledger compares: set algebra, sizes, key sums and the
// early-stopping symmetric difference, each checked against plain JS Sets built independently.
import { describe, expect, it } from 'vitest';
import { MemberSet } from '../../core/cohorts/member-set.ts';

const ROWS = 1_000;
const fromRows = (rows: Iterable<number>) => MemberSet.fromWords(ROWS, [...rows].map((r) => ({ word: r >>> 5, bits: (1 << (r & 31)) >>> 0 })));
/** A reproducible pseudo-random subset (a linear congruential generator), so the test needs no fixture. */
function randomRows(seed: number, share: number): Set<number> {
  const rows = new Set<number>();
  let state = seed;
  for (let r = 0; r < ROWS; r++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    if (state / 2 ** 32 < share) rows.add(r);
  }
  return rows;
}

describe('member sets', () => {
  const a = randomRows(1, 0.4);
  const b = randomRows(2, 0.3);
  const everyone = new Set(Array.from({ length: ROWS }, (_, r) => r).filter((r) => r % 7 !== 3));

  it('intersects, unites and complements as sets do', () => {
    expect(fromRows(a).and(fromRows(b)).size).toBe([...a].filter((r) => b.has(r)).length);
    expect(fromRows(a).or(fromRows(b)).size).toBe(new Set([...a, ...b]).size);
    expect(fromRows(a).complementWithin(fromRows(everyone)).size).toBe([...everyone].filter((r) => !a.has(r)).length);
  });

  it('lists its row numbers in increasing order, the sign bit and the last row included', () => {
    const rows = new Set([...a, 31, 32, ROWS - 1]);
    expect([...fromRows(rows).rows()]).toEqual([...rows].sort((x, y) => x - y));
    expect([...MemberSet.empty(ROWS).rows()]).toEqual([]);
  });

  it('counts rows 31 and 32 of a word (the sign bit) like any other', () => {
    expect(fromRows([0, 31, 32, 63, 999]).size).toBe(5);
    const keys = new Uint32Array(ROWS);
    keys[31] = 2 ** 32 - 1;
    keys[63] = 5;
    expect(fromRows([31, 63]).keySum(keys)).toBe((2 ** 32 - 1 + 5) % 2 ** 32);
  });

  it('sums record keys modulo 2³²', () => {
    const keys = Uint32Array.from({ length: ROWS }, (_, r) => (Math.imul(r + 1, 2654435761) >>> 0));
    let expected = 0n;
    for (const r of a) expected += BigInt(keys[r]!);
    expect(fromRows(a).keySum(keys)).toBe(Number(expected % 2n ** 32n));
  });

  it('measures the symmetric difference exactly up to the limit and stops past it', () => {
    const withoutFive = new Set([...a].slice(5));
    expect(fromRows(a).symmetricDifference(fromRows(withoutFive), 10)).toBe(5);
    expect(fromRows(a).symmetricDifference(fromRows(a), 10)).toBe(0);
    const exact = [...a].filter((r) => !b.has(r)).length + [...b].filter((r) => !a.has(r)).length;
    expect(exact).toBeGreaterThan(11);
    expect(fromRows(a).symmetricDifference(fromRows(b))).toBe(exact);
    expect(fromRows(a).symmetricDifference(fromRows(b), 10)).toBe(11);
  });
});
