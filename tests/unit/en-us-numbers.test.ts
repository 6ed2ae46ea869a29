// Numbers and dates written without Intl (core/charts/en-us-numbers.ts), checked against Intl itself
// (Node's ICU) as the oracle: every value below, written with 0 to 3 fraction digits, reads exactly as
// Intl.NumberFormat('en-US') writes it, ties, carries, negative zero and large numbers included.
import { describe, expect, it } from 'vitest';
import { formatFixed, formatUtcDate, formatWhole } from '../../core/charts/en-us-numbers.ts';

const intl = (value: number, decimals: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);

// A seeded sequence (mulberry32), so that a failure names a value that can be tried again.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ties = [0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 1.005, 1.015, 2.675, 8.345, 1.0005, 0.0005, -0.05, 99.95, 999.95, 9999.5, 0.45, 1.45];
const edges = [0, -0, 1, -1, 9.96, 99.96, 999.996, 1e-7, 123e-9, 0.000049, 1234.5678, -1234.5678, 999999.5, 1e15 + 0.3, 2 ** 53, 1e21, 123456789.987654, Number.MAX_SAFE_INTEGER, -0.0001, 0.1 + 0.2];

describe('en-US numbers without Intl', () => {
  it('write ties, carries, negative zero, tiny and huge numbers as Intl does', () => {
    for (const value of [...ties, ...edges]) for (const decimals of [0, 1, 2, 3]) expect(formatFixed(value, decimals), `${value} with ${decimals}`).toBe(intl(value, decimals));
  });

  it('write 20,000 seeded rates, counts and costs as Intl does', () => {
    const next = random(17);
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(next() * 9 - 3);
      const value = (next() - 0.2) * scale;
      // Half the values on a grid of hundredths or thousandths, where ties are common.
      const gridded = i % 2 ? Math.round(value * 1000) / 1000 : value;
      const decimals = i % 4;
      expect(formatFixed(gridded, decimals), `${gridded} with ${decimals}`).toBe(intl(gridded, decimals));
    }
  });

  it('write whole numbers grouped, and others as Intl with up to three fraction digits', () => {
    expect(formatWhole(1234567)).toBe('1,234,567');
    expect(formatWhole(-1000)).toBe('-1,000');
    expect(formatWhole(999)).toBe('999');
    expect(formatWhole(1234.5678)).toBe('1,234.568');
    expect(formatWhole(NaN)).toBe('NaN');
  });

  it('write a UTC date as the medium en-US style', () => {
    const style = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    for (const iso of ['2019-01-01T00:00:00Z', '2026-12-06T23:59:59Z', '2000-02-29T12:00:00Z', '1999-09-09T00:00:00-05:00']) {
      const date = new Date(iso);
      expect(formatUtcDate(date), iso).toBe(style.format(date));
    }
    expect(formatUtcDate(new Date('2019-01-01T00:00:00Z'))).toBe('Jan 1, 2019');
  });
});
