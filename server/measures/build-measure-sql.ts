// Turns measure × filters × stratifier × period into one bound GROUP BY over mart.person_period.
// Column names come only from the DIMENSIONS allow-list; every filter value is a bound parameter.
import type { Grain } from '../../pipelines/marts/build-person-period-sql.ts';
import { DIMENSIONS, type Dimension } from './dimensions.ts';
import type { MeasureDefinition } from './measure-definition.ts';

export interface MeasureQuery {
  measure: MeasureDefinition;
  period: Grain;
  by?: Dimension;
  filters: Partial<Record<Dimension, string>>;
}

const PERIOD_LABEL: Record<Grain, string> = {
  year: "strftime(period_start, '%Y')",
  quarter: "strftime(period_start, '%Y') || '-Q' || quarter(period_start)",
  month: "strftime(period_start, '%Y-%m')",
};

export function buildMeasureSql({ measure, period, by, filters }: MeasureQuery): { sql: string; values: string[] } {
  const values: string[] = [period];
  const where = ['grain = $1'];
  for (const [dimension, value] of Object.entries(filters) as [Dimension, string][]) {
    values.push(value);
    where.push(`${DIMENSIONS[dimension]} = $${values.length}`);
  }
  if (measure.population) where.push(`(${measure.population})`);
  const stratum = by ? `, ${DIMENSIONS[by]} AS stratum` : '';
  const sql = `
    SELECT ${PERIOD_LABEL[period]} AS period${stratum},
           (${measure.numerator})::DOUBLE AS numerator,
           (${measure.denominator})::DOUBLE AS denominator,
           (${measure.numeratorPeople})::BIGINT AS numerator_people,
           (${measure.denominatorPeople})::BIGINT AS denominator_people
    FROM mart.person_period
    WHERE ${where.join(' AND ')}
    GROUP BY ALL
    ORDER BY ALL`;
  return { sql, values };
}
