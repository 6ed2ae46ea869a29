// Turns measure × filters × up to two stratifiers × period into one bound GROUP BY: over the
// pre-aggregated cells of measure-cells.ts when they hold the answer, else over the person rows of
// the period's mart table. Column names come only from the DIMENSIONS allow-list and the catalog;
// every filter value is a bound parameter. The SQL is written for a dialect (DuckDB's by default, the
// server's); the PostgreSQL dialect gets the same queries in its spelling.
import type { RowLimits } from '../accounts/row-restriction.ts';
import { keyResiduesSumSql, keySumSql } from '../disclosure/cell-key.ts';
import { duckdbDialect } from '../warehouse/dialect/duckdb.ts';
import type { OrderKey, SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
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
  /**
   * The caller's row-level restriction (core/accounts/row-restriction.ts): only person-period rows
   * inside it are read, before anything is counted, so disclosure control sees the narrowed population.
   */
  restriction?: RowLimits;
}

export interface BuiltSql {
  sql: string;
  values: unknown[];
}

/** An unlabelled aggregate with the names of its columns: the keys (period_key, stratum0…, [age_group]) lead, from numerator on the sums. */
export interface Aggregate extends BuiltSql {
  columns: string[];
}

/** The keys of a result, as period_key, stratum0…, age_group: the period a date, the rest strings. */
function keyColumns(query: MeasureQuery): string[] {
  return ['period_key', ...query.by.map((_, i) => `stratum${i}`), ...(query.byStdAgeGroup ? ['age_group'] : [])];
}

/** The people counts and their key residues (the cell key method, core/disclosure/cell-key.ts). */
const PEOPLE_COLUMNS = ['numerator_people', 'denominator_people', 'numerator_key', 'denominator_key'];

/**
 * The SQL for one query, labelled and ordered. With `cells` (the pre-aggregated cells the warehouse
 * holds, see measure-cells.ts) the query reads them when they hold its answer; without, person rows.
 */
export function buildMeasureSql(query: MeasureQuery, cells?: CellCatalog, dialect: SqlDialect = duckdbDialect): BuiltSql {
  const source = cells ? cellsFor(query, cells) : undefined;
  const built = source?.kind === 'cells' ? cellsSql(query, source.table, dialect)
    : source?.kind === 'top-share' ? topShareCellsSql(query, source.table)
    : source?.kind === 'top-share-pair' ? topSharePairCellsSql(query, source.table)
    : aggregatedSql(query, dialect);
  // Labels are made after aggregation, once per group: strftime on every row tripled a query's time.
  const label = query.period === 'all' ? "'all'" : dialect.dateLabel('period_key', query.period);
  const keys = built.columns.slice(0, built.columns.indexOf('numerator'));
  const order = keys.map((column): OrderKey => ({ column, type: column === 'period_key' ? 'date' : 'text' }));
  return {
    sql: `SELECT ${label} AS period, ${dialect.columnsExcept(built.columns, 'period_key')} FROM ${dialect.subquery(built.sql, 'cells')} ${dialect.orderByKeys(order)}`,
    values: built.values,
  };
}

/**
 * The unlabelled aggregate over person rows: period_key, stratum0…, [age_group], numerator,
 * denominator, the people counts (and the sums a ratio's CI needs). `schema` lets the load build
 * cells from the warehouse it is writing (wh.mart).
 */
export function aggregatedSql(query: MeasureQuery, dialect: SqlDialect = duckdbDialect, schema = 'mart'): Aggregate {
  const { measure, period } = query;
  const { cast } = dialect;
  const { where, values } = whereClause(query);
  if (measure.population) where.push(`(${measure.population})`);
  const keys = groupKeys(query, period === 'all' ? cast('NULL', 'date') : 'period_start');
  // Each grain has its own table; 'all' adds up the yearly rows.
  const from = `FROM ${schema}.${martTable(period === 'all' ? 'year' : period)} WHERE ${where.join(' AND ')}`;
  if (measure.kind !== 'top-share') {
    const columns = additiveColumns(measure, dialect);
    const names = [...keyColumns(query), ...columns.map((c) => c.name)];
    const shard = dialect.shardColumn;
    if (shard) return { sql: reaggregatedSql(keyColumns(query), columns, `SELECT ${shard}, ${keys.join(', ')}, ${columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')} ${from} ${dialect.groupByKeys(keys.length + 1)}`, dialect), values, columns: names };
    return {
      sql: `SELECT ${keys.join(', ')}, ${columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')} ${from} ${dialect.groupByKeys(keys.length)}`,
      values,
      columns: names,
    };
  }
  // A top share ranks the whole group's rows, which no per-shard part can do: on shards its rows come
  // to the coordinator (the yearly ones whole-population, by one or two stratifiers, are read from cells).
  // A top share ranks each group's rows (the window form every engine speaks; topShareByHeapSql is DuckDB's faster one).
  const people = `${cast(`(${measure.numeratorPeople})`, 'bigint')} AS numerator_people, ${cast(`(${measure.denominatorPeople})`, 'bigint')} AS denominator_people,
                  ${cast('0', 'bigint')} AS numerator_key, ${cast(keySumSql(measure.denominatorPeople), 'bigint')} AS denominator_key`;
  const partition = keyColumns({ ...query, byStdAgeGroup: false });
  return {
    sql: `WITH base AS (SELECT ${keys.join(', ')}, record_key, ${cast(`(${measure.value})`, 'double')} AS v ${from}),
          ranked AS (SELECT *, row_number() OVER (PARTITION BY ${partition.join(', ')} ORDER BY v DESC) <= ceil(${measure.fraction} * count(*) OVER (PARTITION BY ${partition.join(', ')})) AS in_top FROM base)
          SELECT ${partition.join(', ')}, ${cast('(sum(v) FILTER (WHERE in_top))', 'double')} AS numerator, ${cast('sum(v)', 'double')} AS denominator, ${people},
                 ${cast('max(v)', 'double')} AS max_value
          FROM ranked ${dialect.groupByKeys(partition.length)}`,
    values,
    columns: [...partition, 'numerator', 'denominator', ...PEOPLE_COLUMNS, 'max_value'],
  };
}

/**
 * The aggregates of a measure that combine across groups: numerator, denominator, people counts and
 * their key residues (sums modulo 2³²), and a ratio's sums for its CI with its largest single value
 * (for the dominance rule; it combines by max).
 */
export function additiveColumns(measure: Exclude<MeasureDefinition, TopShareMeasure>, dialect: SqlDialect = duckdbDialect): { name: string; sql: string }[] {
  const { cast } = dialect;
  const people = [
    { name: 'numerator_people', sql: cast(`(${measure.numeratorPeople})`, 'bigint') },
    { name: 'denominator_people', sql: cast(`(${measure.denominatorPeople})`, 'bigint') },
    { name: 'numerator_key', sql: cast(keySumSql(measure.numeratorPeople), 'bigint') },
    { name: 'denominator_key', sql: cast(keySumSql(measure.denominatorPeople), 'bigint') },
  ];
  if (measure.kind !== 'ratio') {
    return [{ name: 'numerator', sql: cast(`(${measure.numerator})`, 'double') }, { name: 'denominator', sql: cast(`(${measure.denominator})`, 'double') }, ...people];
  }
  const [y, x] = [measure.numeratorValue, measure.denominatorValue];
  return [
    { name: 'numerator', sql: cast(`sum(${y})`, 'double') },
    { name: 'denominator', sql: cast(`sum(${x})`, 'double') },
    { name: 'sum_yy', sql: cast(`sum((${y}) * (${y}))`, 'double') },
    { name: 'sum_xx', sql: cast(`sum((${x}) * (${x}))`, 'double') },
    { name: 'sum_xy', sql: cast(`sum((${x}) * (${y}))`, 'double') },
    { name: 'n', sql: cast('count(*)', 'bigint') },
    ...people,
    { name: 'max_value', sql: cast(`max(${y})`, 'double') },
  ];
}

/**
 * The second phase of a sharded aggregate: `partials` holds one row per shard and keys, and each
 * column combines across shards as it does across cells: sums and counts add up, key residues add up
 * modulo 2³² (exact: summed as NUMERIC, then reduced), the largest value by max.
 */
function reaggregatedSql(keys: string[], columns: { name: string; sql: string }[], partials: string, dialect: SqlDialect): string {
  const combined = columns.map(({ name }) => {
    if (name.endsWith('_key')) return `${dialect.cast(keyResiduesSumSql(name), 'bigint')} AS ${name}`;
    if (name === 'max_value') return `${dialect.cast(`max(${name})`, 'double')} AS ${name}`;
    return `${dialect.cast(`sum(${name})`, name === 'n' || name.endsWith('_people') ? 'bigint' : 'double')} AS ${name}`;
  });
  return `SELECT ${keys.join(', ')}, ${combined.join(', ')} FROM ${dialect.subquery(partials, 'partials')} ${dialect.groupByKeys(keys.length)}`;
}

/**
 * DuckDB only (the load builds the cells in DuckDB; other engines read them or use the window form).
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
                 sum((${measure.value})::DOUBLE)::DOUBLE AS denominator, ${top} AS numerator_people, (${measure.denominatorPeople})::BIGINT AS denominator_people,
                 ${keySumSql(measure.denominatorPeople)}::BIGINT AS denominator_key, max((${measure.value})::DOUBLE)::DOUBLE AS max_value
          FROM ${schema}.${martTable('year')} WHERE ${where.join(' AND ')} GROUP BY ALL`,
    values,
  };
}

/** The same aggregate added up from cells: every column of a cell is a sum or a count, so sums of them are exact. */
function cellsSql(query: MeasureQuery, table: string, dialect: SqlDialect): Aggregate {
  const { cast } = dialect;
  const { where, values } = whereClause(query);
  values.push(query.measure.id);
  where.unshift(`measure_id = $${values.length}`);
  const keys = groupKeys(query, query.period === 'all' ? cast('NULL', 'date') : 'period_start');
  const sum = (column: string, type: 'double' | 'bigint') => `${cast(`sum(${column})`, type)} AS ${column}`;
  const keySum = (column: string) => `${cast(keyResiduesSumSql(column), 'bigint')} AS ${column}`;
  const ratio = query.measure.kind === 'ratio' ? ['sum_yy', 'sum_xx', 'sum_xy', 'n'] : [];
  const ratioSums = ratio.map((c) => `${sum(c, c === 'n' ? 'bigint' : 'double')},`).join(' ');
  const largest = query.measure.kind === 'ratio' ? [`${cast('max(max_value)', 'double')} AS max_value`] : [];
  return {
    sql: `SELECT ${keys.join(', ')}, ${sum('numerator', 'double')}, ${sum('denominator', 'double')}, ${ratioSums}
                 ${sum('numerator_people', 'bigint')}, ${sum('denominator_people', 'bigint')}, ${keySum('numerator_key')}, ${keySum('denominator_key')}${largest.map((c) => `, ${c}`).join('')}
          FROM mart.${table} WHERE ${where.join(' AND ')} ${dialect.groupByKeys(keys.length)}`,
    values,
    columns: [...keyColumns(query), 'numerator', 'denominator', ...ratio, ...PEOPLE_COLUMNS, ...(largest.length ? ['max_value'] : [])],
  };
}

/**
 * A stored top share's people counts, key residues and largest value. The top people are a function
 * of the whole group (the ceil(fraction × n) costliest), so their noise is drawn from the group's key
 * and no key of their own is kept: numerator_key reads 0, as in the window form of aggregatedSql.
 */
const TOP_SHARE_CELL_COLUMNS = 'numerator_people, denominator_people, 0::BIGINT AS numerator_key, denominator_key, max_value';

/** A top share for the whole population or one stratifier, read as it was computed at load. */
function topShareCellsSql(query: MeasureQuery, table: string): Aggregate {
  const dimension = query.by[0] ?? '';
  return {
    sql: `SELECT period_start AS period_key, ${query.by.length ? 'stratum AS stratum0, ' : ''}numerator, denominator, ${TOP_SHARE_CELL_COLUMNS}
          FROM mart.${table} WHERE measure_id = $1 AND dimension = $2`,
    values: [query.measure.id, dimension],
    columns: [...keyColumns({ ...query, by: query.by.slice(0, 1), byStdAgeGroup: false }), 'numerator', 'denominator', ...PEOPLE_COLUMNS, 'max_value'],
  };
}

/** A top share for two stratifiers, read as it was computed at load (pairs are stored in DIMENSION_NAMES order). */
function topSharePairCellsSql(query: MeasureQuery, table: string): Aggregate {
  const [first, second] = query.by as [Dimension, Dimension];
  const stored = DIMENSION_NAMES.indexOf(first) < DIMENSION_NAMES.indexOf(second);
  const [dimension0, dimension1] = stored ? [first, second] : [second, first];
  return {
    sql: `SELECT period_start AS period_key, ${stored ? 'stratum0, stratum1' : 'stratum1 AS stratum0, stratum0 AS stratum1'},
                 numerator, denominator, ${TOP_SHARE_CELL_COLUMNS}
          FROM mart.${table} WHERE measure_id = $1 AND dimension0 = $2 AND dimension1 = $3`,
    values: [query.measure.id, dimension0, dimension1],
    columns: ['period_key', 'stratum0', 'stratum1', 'numerator', 'denominator', ...PEOPLE_COLUMNS, 'max_value'],
  };
}

/**
 * The conditions on person-period rows (a mart table or its cells) of a row restriction, their
 * values pushed onto `values` and bound by position. An empty list allows nothing (a malformed
 * stored rule reads as one).
 */
export function restrictionConditions(limits: RowLimits | undefined, values: unknown[]): string[] {
  return (Object.entries(limits ?? {}) as [Dimension, readonly string[]][]).map(([dimension, allowed]) =>
    allowed.length === 0 ? 'false' : `${DIMENSIONS[dimension]} IN (${allowed.map((value) => `$${values.push(value)}`).join(', ')})`);
}

function whereClause(query: MeasureQuery): { where: string[]; values: unknown[] } {
  const values: unknown[] = [];
  const where = ['true'];
  for (const [dimension, value] of Object.entries(query.filters) as [Dimension, string][]) {
    values.push(value);
    where.push(`${DIMENSIONS[dimension]} = $${values.length}`);
  }
  where.push(...restrictionConditions(query.restriction, values));
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
