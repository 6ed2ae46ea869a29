// Estimates for one cell of a measure result, by kind: Wilson for proportions, exact Poisson for
// rates, delta method for ratios; plus the NCHS reliability flag. Pure: no SQL, no suppression.
import { assessReliability, poissonRateInterval, ratioInterval, wilsonInterval } from '../stats/index.ts';
import { UNIT_SCALE, type MeasureDefinition } from './measure-definition.ts';

export interface RawCell {
  numerator: number;
  denominator: number;
  numeratorPeople: number;
  denominatorPeople: number;
  /** Ratio measures only: the sums of squares and products and the row count. */
  sumYY?: number;
  sumXX?: number;
  sumXY?: number;
  n?: number;
}

export interface Estimate {
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** NCHS presentation standard: RSE > 30% or numerator < 20. */
  unreliable: boolean;
}

export function estimate(measure: MeasureDefinition, cell: RawCell): Estimate {
  const scale = UNIT_SCALE[measure.unit];
  const { numerator, denominator } = cell;
  switch (measure.kind) {
    case 'proportion': {
      const ci = wilsonInterval(Math.round(numerator), Math.round(denominator));
      if (ci.proportion === null) return empty();
      const se = Math.sqrt((ci.proportion * (1 - ci.proportion)) / denominator);
      return { rate: ci.proportion * scale, ciLow: ci.low * scale, ciHigh: ci.high * scale, unreliable: unreliable(numerator, ci.proportion, se) };
    }
    case 'rate': {
      const ci = poissonRateInterval(Math.round(numerator), denominator, { multiplier: scale });
      if (ci.rate === null) return empty();
      return { rate: ci.rate, ciLow: ci.low, ciHigh: ci.high, unreliable: unreliable(numerator, ci.rate, numerator > 0 ? ci.rate / Math.sqrt(numerator) : 0) };
    }
    case 'ratio': {
      const ci = ratioInterval({ n: cell.n ?? 0, sumY: numerator, sumX: denominator, sumYY: cell.sumYY ?? 0, sumXX: cell.sumXX ?? 0, sumXY: cell.sumXY ?? 0 });
      if (ci.ratio === null) return empty();
      return { rate: ci.ratio * scale, ciLow: ci.low * scale, ciHigh: ci.high * scale, unreliable: unreliable(cell.numeratorPeople, ci.ratio, ci.standardError) };
    }
    case 'top-share':
      return denominator > 0
        ? { rate: (numerator / denominator) * scale, ciLow: null, ciHigh: null, unreliable: cell.numeratorPeople < 20 }
        : empty();
  }
}

function unreliable(numerator: number, estimate: number, standardError: number): boolean {
  return assessReliability({ numerator: Math.round(numerator), estimate, standardError }).unreliable;
}

const empty = (): Estimate => ({ rate: null, ciLow: null, ciHigh: null, unreliable: true });
