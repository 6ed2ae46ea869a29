// Turns measure × filters × up to two stratifiers × period into one bound GROUP BY: over the
// pre-aggregated cells of measure-cells.ts when they hold the answer, else over the person rows of
// the period's mart table. Column names come only from the DIMENSIONS allow-list and the catalog;
// every filter value is a bound parameter.
import { martTable } from '../warehouse/schema.ts';
import { DIMENSION_NAMES, DIMENSIONS, type Dimension } from './dimensions.ts';
import type { MeasureDefinition, TopShareMeasure } from './measure-definition.ts';
import { cellsFor, type CellCatalog } from './measure-cells.ts';

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

/**
 * The SQL for one query, labelled and ordered. With `cells` (the pre-aggregated cells the warehouse
 * holds, see measure-cells.ts) the query reads them when they hold its answer; without, person rows.
 */
export function buildMeasureSql(query: MeasureQuery, cells?: CellCatalog): BuiltSql {
  const source = cells ? cellsFor(query, cells) : undefined;
  const built = source?.kind === 'cells' ? cellsSql(query, source.table)
    : source?.kind === 'top-share' ? topShareCellsSql(query, source.table)
    : source?.kind === 'top-share-pair' ? topSharePairCellsSql(query, source.table)
    : aggregatedSql(query);
  return {
    sql: `SELECT ${PERIOD_LABEL[query.period]} AS period, * EXCLUDE (period_key) FROM (${built.sql}) ORDER BY ALL`,
    values: built.values,
  };
}

/**
 * The unlabelled aggregate over person rows: period_key, stratum0…, [age_group], numerator,
 * denominator, the people counts (and the sums a ratio's CI needs). `schema` lets the load build
 * cells from the warehouse it is writing (wh.mart).
 */
export function aggregatedSql(query: MeasureQuery, schema = 'mart'): BuiltSql {
  const { measure, period } = query;
  const { where, values } = whereClause(query);
  if (measure.population) where.push(`(${measure.population})`);
  const keys = groupKeys(query, period === 'all' ? 'NULL::DATE' : 'period_start');
  // Each grain has its own table; 'all' adds up the yearly rows.
  const from = `FROM ${schema}.${martTable(period === 'all' ? 'year' : period)} WHERE ${where.join(' AND ')}`;
  if (measure.kind !== 'top-share') {
    return { sql: `SELECT ${keys.join(', ')}, ${additiveColumns(measure).map((c) => `${c.sql} AS ${c.name}`).join(', ')} ${from} GROUP BY ALL`, values };
  }
  // A top share ranks each group's rows (the window form every engine speaks; topShareByHeapSql is DuckDB's faster one).
  const people = `(${measure.numeratorPeople})::BIGINT AS numerator_people, (${measure.denominatorPeople})::BIGINT AS denominator_people`;
  const partition = ['period_key', ...query.by.map((_, i) => `stratum${i}`)].join(', ');
  return {
    sql: `WITH base AS (SELECT ${keys.join(', ')}, (${measure.value})::DOUBLE AS v ${from}),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY ${partition} ORDER BY v DESC) <= ceil(${measure.fraction} * count(*) OVER (PARTITION BY ${partition})) AS in_top FROM base)
          SELECT ${partition}, (sum(v) FILTER (WHERE in_top))::DOUBLE AS numerator, sum(v)::DOUBLE AS denominator, ${people}
          FROM ranked GROUP BY ALL`,
    values,
  };
}

/** The aggregates of a measure that add up across groups: numerator, denominator, people counts (and a ratio's sums for its CI). */
export function additiveColumns(measure: Exclude<MeasureDefinition, TopShareMeasure>): { name: string; sql: string }[] {
  const people = [
    { name: 'numerator_people', sql: `(${measure.numeratorPeople})::BIGINT` },
    { name: 'denominator_people', sql: `(${measure.denominatorPeople})::BIGINT` },
  ];
  if (measure.kind !== 'ratio') {
    return [{ name: 'numerator', sql: `(${measure.numerator})::DOUBLE` }, { name: 'denominator', sql: `(${measure.denominator})::DOUBLE` }, ...people];
  }
  const [y, x] = [measure.numeratorValue, measure.denominatorValue];
  return [
    { name: 'numerator', sql: `sum(${y})::DOUBLE` },
    { name: 'denominator', sql: `sum(${x})::DOUBLE` },
    { name: 'sum_yy', sql: `sum((${y}) * (${y}))::DOUBLE` },
    { name: 'sum_xx', sql: `sum((${x}) * (${x}))::DOUBLE` },
    { name: 'sum_xy', sql: `sum((${x}) * (${y}))::DOUBLE` },
    { name: 'n', sql: 'count(*)::BIGINT' },
    ...people,
  ];
}

/**
 * A top share per period and stratum in one pass, without ranking rows: DuckDB's max(v, k) keeps each
 * group's k largest values (a heap), and the group keeps its ceil(fraction × n) largest of them. `limit`
 * must be at least that many for every group (the load passes the largest group's). Same numbers as
 * the window form of aggregatedSql (tests/integration/measure-cells.test.ts).
 */
export function topShareByHeapSql(query: MeasureQuery & { measure: TopShareMeasure }, limit: number, schema = 'mart'): BuiltSql {
  const { measure } = query;
  const { where, values } = whereClause(query);
  if (measure.population) where.push(`(${measure.population})`);
  const top = `ceil(${measure.fraction} * count(*))::BIGINT`;
  return {
    sql: `SELECT ${groupKeys({ ...query, byStdAgeGroup: false }, 'period_start').join(', ')},
                 list_sum(list_slice(max((${measure.value})::DOUBLE, ${Math.max(1, Math.ceil(limit))}), 1, ${top}))::DOUBLE AS numerator,
                 sum((${measure.value})::DOUBLE)::DOUBLE AS denominator, ${top} AS numerator_people, (${measure.denominatorPeople})::BIGINT AS denominator_people
          FROM ${schema}.${martTable('year')} WHERE ${where.join(' AND ')} GROUP BY ALL`,
    values,
  };
}

/** The same aggregate added up from cells: every column of a cell is a sum or a count, so sums of them are exact. */
function cellsSql(query: MeasureQuery, table: string): BuiltSql {
  const { where, values } = whereClause(query);
  values.push(query.measure.id);
  where.unshift(`measure_id = $${values.length}`);
  const keys = groupKeys(query, query.period === 'all' ? 'NULL::DATE' : 'period_start');
  const ratioSums = query.measure.kind === 'ratio'
    ? 'sum(sum_yy)::DOUBLE AS sum_yy, sum(sum_xx)::DOUBLE AS sum_xx, sum(sum_xy)::DOUBLE AS sum_xy, sum(n)::BIGINT AS n,'
    : '';
  return {
    sql: `SELECT ${keys.join(', ')}, sum(numerator)::DOUBLE AS numerator, sum(denominator)::DOUBLE AS denominator, ${ratioSums}
                 sum(numerator_people)::BIGINT AS numerator_people, sum(denominator_people)::BIGINT AS denominator_people
          FROM mart.${table} WHERE ${where.join(' AND ')} GROUP BY ALL`,
    values,
  };
}

/** A top share for the whole population or one stratifier, read as it was computed at load. */
function topShareCellsSql(query: MeasureQuery, table: string): BuiltSql {
  const dimension = query.by[0] ?? '';
  return {
    sql: `SELECT period_start AS period_key, ${query.by.length ? 'stratum AS stratum0, ' : ''}numerator, denominator, numerator_people, denominator_people
          FROM mart.${table} WHERE measure_id = $1 AND dimension = $2`,
    values: [query.measure.id, dimension],
  };
}

/** A top share for two stratifiers, read as it was computed at load (pairs are stored in DIMENSION_NAMES order). */
function topSharePairCellsSql(query: MeasureQuery, table: string): BuiltSql {
  const [first, second] = query.by as [Dimension, Dimension];
  const stored = DIMENSION_NAMES.indexOf(first) < DIMENSION_NAMES.indexOf(second);
  const [dimension0, dimension1] = stored ? [first, second] : [second, first];
  return {
    sql: `SELECT period_start AS period_key, ${stored ? 'stratum0, stratum1' : 'stratum1 AS stratum0, stratum0 AS stratum1'},
                 numerator, denominator, numerator_people, denominator_people
          FROM mart.${table} WHERE measure_id = $1 AND dimension0 = $2 AND dimension1 = $3`,
    values: [query.measure.id, dimension0, dimension1],
  };
}

function whereClause(query: MeasureQuery): { where: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const where = ['true'];
  for (const [dimension, value] of Object.entries(query.filters) as [Dimension, string][]) {
    values.push(value);
    where.push(`${DIMENSIONS[dimension]} = $${values.length}`);
  }
  if (query.cohort) {
    const offset = values.length;
    values.push(...query.cohort.values);
    where.push(`person_id IN (${query.cohort.sql.replace(/\$(\d+)/g, (_, n) => `$${Number(n) + offset}`)})`);
  }
  return { where, values };
}

function groupKeys(query: MeasureQuery, period: string): string[] {
  return [
    `${period} AS period_key`,
    ...query.by.map((dimension, i) => `${DIMENSIONS[dimension]} AS stratum${i}`),
    ...(query.byStdAgeGroup ? ['std_age_group AS age_group'] : []),
  ];
}
