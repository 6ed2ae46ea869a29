// Annual percent change of a measure per stratum, from its published (already suppressed) yearly
// rates: suppressed years are left out, so a trend can never reveal a hidden cell.
import { annualPercentChange, MIN_TREND_POINTS } from '../stats/index.ts';
import type { MeasureRow } from './run-measure.ts';

export interface StratumTrend {
  stratum: Record<string, string>;
  years: number;
  apc: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  significant: boolean | null;
  /** Why there is no APC, when there is none. */
  note?: string;
}

/** `field`: the crude rate, or with adjust=age the age-adjusted rate. */
export function trendsByStratum(rows: MeasureRow[], by: string[], field: 'rate' | 'adjustedRate' = 'rate'): StratumTrend[] {
  const groups = new Map<string, { stratum: Record<string, string>; rows: MeasureRow[] }>();
  for (const row of rows) {
    const stratum = Object.fromEntries(by.map((key) => [key, String(row[key])]));
    const id = JSON.stringify(stratum);
    const group = groups.get(id) ?? { stratum, rows: [] };
    group.rows.push(row);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ stratum, rows: series }) => {
    const points = series
      .filter((r) => !r.suppressed && typeof r[field] === 'number' && (r[field] as number) > 0)
      .map((r) => ({ year: Number(r.period), rate: r[field] as number }));
    if (points.length < MIN_TREND_POINTS) {
      return { stratum, years: points.length, apc: null, ciLow: null, ciHigh: null, pValue: null, significant: null, note: `fewer than ${MIN_TREND_POINTS} years with a shown, non-zero rate` };
    }
    const fit = annualPercentChange(points);
    return { stratum, years: points.length, apc: fit.apc, ciLow: fit.low, ciHigh: fit.high, pValue: fit.pValue, significant: fit.significant };
  });
}
