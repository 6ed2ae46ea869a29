// Runs one measure query: SQL over the mart, then rates with confidence intervals, then disclosure
// control. The people counts that suppression judges never leave this module.
import { poissonRateInterval } from '../stats/poisson-ci.ts';
import { wilsonInterval } from '../stats/proportion-ci.ts';
import type { Database } from '../warehouse/database.ts';
import { buildMeasureSql, type MeasureQuery } from './build-measure-sql.ts';
import { UNIT_SCALE, type MeasureDefinition } from './measure-definition.ts';
import { suppressMeasureRows } from './suppress-measure-rows.ts';

export interface MeasureCell {
  period: string;
  stratum?: string;
  numerator: number;
  denominator: number;
  numeratorPeople: number;
  denominatorPeople: number;
}

export interface MeasureRow {
  period: string;
  [stratifier: string]: string | number | boolean | null;
}

export async function runMeasure(db: Database, query: MeasureQuery): Promise<MeasureRow[]> {
  const { sql, values } = buildMeasureSql(query);
  const raw = await db.query<{ period: string; stratum?: string; numerator: number; denominator: number; numerator_people: number; denominator_people: number }>(sql, values);
  const cells: MeasureCell[] = raw.map((r) => ({
    period: r.period,
    stratum: query.by ? String(r.stratum) : undefined,
    numerator: r.numerator,
    denominator: r.denominator,
    numeratorPeople: r.numerator_people,
    denominatorPeople: r.denominator_people,
  }));
  return suppressMeasureRows(cells.map((cell) => withRate(query.measure, cell)), query.by);
}

export interface RatedCell extends MeasureCell {
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export function withRate(measure: MeasureDefinition, cell: MeasureCell): RatedCell {
  const scale = UNIT_SCALE[measure.unit];
  if (measure.kind === 'proportion') {
    const ci = wilsonInterval(cell.numerator, cell.denominator);
    return { ...cell, rate: times(ci.proportion, scale), ciLow: times(ci.low, scale), ciHigh: times(ci.high, scale) };
  }
  const ci = poissonRateInterval(cell.numerator, cell.denominator, { multiplier: scale });
  return { ...cell, rate: ci.rate, ciLow: ci.low, ciHigh: ci.high };
}

const times = (value: number | null, scale: number) => (value === null ? null : value * scale);
