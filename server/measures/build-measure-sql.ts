// Turns measure × filters × up to two stratifiers × period into one bound GROUP BY over
// the mart table of the period's grain. Column names come only from the DIMENSIONS allow-list and the catalog;
// every filter value is a bound parameter.
import { martTable } from '../../pipelines/marts/build-person-period-sql.ts';
import { DIMENSIONS, type Dimension } from './dimensions.ts';
import type { MeasureDefinition } from './measure-definition.ts';

export type Period = 'year' | 'quarter' | 'month' | 'all';

export interface MeasureQuery {
  measure: MeasureDefinition;
  period: Period;
  by: Dimension[];
  filters: Partial<Record<Dimension, string>>;
  /** Also group by the NCHS standard age groups, for direct age standardization. */
  byStdAgeGroup?: boolean;
  /** Restrict to the members of a saved cohort (compiled elsewhere to `{ sql, values }` of person_ids). */
  cohort?: { sql: string; values: unknown[] };
}

// Labels are made after aggregation, once per group: strftime on every row tripled a query's time.
const PERIOD_LABEL: Record<Period, string> = {
  year: "strftime(period_key, '%Y')",
  quarter: "strftime(period_key, '%Y') || '-Q' || quarter(period_key)",
  month: "strftime(period_key, '%Y-%m')",
  all: "'all'",
};

export interface BuiltSql {
  sql: string;
  values: unknown[];
}

export function buildMeasureSql(query: MeasureQuery): BuiltSql {
  const { measure, period, by, filters } = query;
  const values: unknown[] = [];
  const where = ['true'];
  for (const [dimension, value] of Object.entries(filters) as [Dimension, string][]) {
    values.push(value);
    where.push(`${DIMENSIONS[dimension]} = $${values.length}`);
  }
  if (query.cohort) {
    const offset = values.length;
    values.push(...query.cohort.values);
    where.push(`person_id IN (${query.cohort.sql.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`);
  }
  if (measure.population) where.push(`(${measure.population})`);

  const keys = [
    `${period === 'all' ? 'NULL::DATE' : 'period_start'} AS period_key`,
    ...by.map((dimension, i) => `${DIMENSIONS[dimension]} AS stratum${i}`),
    ...(query.byStdAgeGroup ? ['std_age_group AS age_group'] : []),
  ];
  // Each grain has its own table; 'all' adds up the yearly rows.
  const from = `FROM mart.${martTable(period === 'all' ? 'year' : period)} WHERE ${where.join(' AND ')}`;
  const people = `(${measure.numeratorPeople})::BIGINT AS numerator_people, (${measure.denominatorPeople})::BIGINT AS denominator_people`;
  const labelled = (aggregated: string) =>
    `SELECT ${PERIOD_LABEL[period]} AS period, * EXCLUDE (period_key) FROM (${aggregated}) ORDER BY ALL`;

  switch (measure.kind) {
    case 'proportion':
    case 'rate':
      return {
        sql: labelled(`SELECT ${keys.join(', ')}, (${measure.numerator})::DOUBLE AS numerator, (${measure.denominator})::DOUBLE AS denominator, ${people}
              ${from} GROUP BY ALL`),
        values,
      };
    case 'ratio': {
      const [y, x] = [measure.numeratorValue, measure.denominatorValue];
      return {
        sql: labelled(`SELECT ${keys.join(', ')}, sum(${y})::DOUBLE AS numerator, sum(${x})::DOUBLE AS denominator,
                     sum((${y}) * (${y}))::DOUBLE AS sum_yy, sum((${x}) * (${x}))::DOUBLE AS sum_xx,
                     sum((${x}) * (${y}))::DOUBLE AS sum_xy, count(*)::BIGINT AS n, ${people}
              ${from} GROUP BY ALL`),
        values,
      };
    }
    case 'top-share': {
      const groupKeys = ['period_key', ...by.map((_, i) => `stratum${i}`)].join(', ');
      return {
        sql: labelled(`WITH base AS (SELECT ${keys.join(', ')}, (${measure.value})::DOUBLE AS v ${from}),
              ranked AS (SELECT *, row_number() OVER (PARTITION BY ${groupKeys} ORDER BY v DESC) <= ceil(${measure.fraction} * count(*) OVER (PARTITION BY ${groupKeys})) AS in_top FROM base)
              SELECT ${groupKeys}, (sum(v) FILTER (WHERE in_top))::DOUBLE AS numerator, sum(v)::DOUBLE AS denominator, ${people}
              FROM ranked GROUP BY ALL`),
        values,
      };
    }
  }
}
