// The statements behind the warehouse facts (warehouse-facts.ts): the population with its key sum,
// the most yearly rows of one person, and the people holding each value of a dimension. On a sharded
// engine (dialect.shardColumn) each aggregate over person rows is written in two phases, grouped by
// the shard first, so the engine pushes it to the shards whole and only their partial rows cross to
// the coordinator: an aggregate without the shard among its keys (count(*) of all rows, GROUP BY a
// dimension, count(DISTINCT person_id)) made postgres_fdw ship every person row instead, nine times
// for the dimensions alone, more than the query budget at a million people (issue 20).
import { keyResiduesSumSql, keySumSql, RECORD_KEY_COLUMN } from '../disclosure/cell-key.ts';
import { KEY_ROWS_TABLE } from './dialect/postgres.ts';
import type { SqlDialect } from './dialect/sql-dialect.ts';

/**
 * The people etl.warehouse_info counts (pipelines/load.ts: count(*) FROM core.person), counted again
 * with the key sum of the same rows: the warehouse's core.person has no record key column, so it is
 * computed from the pseudonym exactly as the marts' is. A sharded publication stores it in core.person
 * (pipelines/publish-postgres), so each shard counts and sums its own people: postgres_fdw pushes no
 * aggregate over an expression it cannot ship (convert_to()), and every person would cross instead.
 */
export function populationSql({ cast, recordKey, subquery, shardColumn, groupByKeys }: SqlDialect): string {
  if (!shardColumn) {
    const keyed = subquery(`SELECT ${recordKey('person_id')} AS ${RECORD_KEY_COLUMN} FROM core.person`, 'people');
    return `SELECT ${cast('count(*)', 'bigint')} AS people, ${cast(keySumSql('count(*)'), 'bigint')} AS key_sum FROM ${keyed}`;
  }
  const partials = `SELECT ${shardColumn}, count(*) AS people, ${keySumSql('count(*)')} AS key_sum FROM core.person ${groupByKeys(1)}`;
  return `SELECT ${cast('coalesce(sum(people), 0)', 'bigint')} AS people, ${cast(keyResiduesSumSql('key_sum'), 'bigint')} AS key_sum FROM ${subquery(partials, 'partials')}`;
}

/**
 * The most yearly rows any one person has: grouped by record key, which can only join people (keys
 * may collide), so this is at least the true maximum, and rows / it at most undercounts people. A
 * sharded publication counted each record key's rows at publish time (KEY_ROWS_TABLE, on the key's
 * shard), so each shard returns its maximum alone: counting them here is an aggregate over an
 * aggregate, which postgres_fdw does not push down, so one row per person would cross.
 */
export function mostRowsPerPersonSql({ cast, subquery, shardColumn, groupByKeys }: SqlDialect): string {
  if (!shardColumn) {
    const perPerson = `SELECT ${RECORD_KEY_COLUMN}, count(*) AS n FROM mart.person_year GROUP BY ${RECORD_KEY_COLUMN}`;
    return `SELECT ${cast('coalesce(max(n), 1)', 'bigint')} AS most FROM ${subquery(perPerson, 'per_person')}`;
  }
  const { schema, table, rowsColumn } = KEY_ROWS_TABLE;
  const partials = `SELECT ${shardColumn}, max(${rowsColumn}) AS n FROM ${schema}.${table} ${groupByKeys(1)}`;
  return `SELECT ${cast('coalesce(max(n), 1)', 'bigint')} AS most FROM ${subquery(partials, 'partials')}`;
}

/**
 * People holding each value of a dimension, exactly where it decides anything: counting distinct
 * people over every row takes seconds per dimension at a million people, so a value with rows enough
 * for 11 people even at the most rows per person gets that lower bound (rows ÷ most), and only the
 * other values, which have few rows, have their people counted. $1: that many rows; $2: the most rows
 * of one person. One statement (value, people_at_least); on a sharded engine see valueRowsSql.
 */
export const peopleAtLeastSql = (column: string, { cast, integerDivide }: SqlDialect): string => `WITH value_rows AS (
    SELECT ${column} AS value, count(*) AS n FROM mart.person_year WHERE ${column} IS NOT NULL GROUP BY 1),
  few_rows AS (
    SELECT ${column} AS value, count(DISTINCT person_id) AS people FROM mart.person_year
    WHERE ${column} IN (SELECT value FROM value_rows WHERE n < $1) GROUP BY 1)
  SELECT v.value, ${cast(`coalesce(f.people, ${integerDivide('v.n', cast('$2', 'bigint'))})`, 'bigint')} AS people_at_least
  FROM value_rows v LEFT JOIN few_rows f USING (value) ORDER BY 1`;

/**
 * The sharded form of peopleAtLeastSql, in two statements, as a semi-join of the person rows with a
 * local list is not pushed to the shards: the rows of each value (value, n), then the people of the
 * `values` values bound as $1… (value, people). A person's rows lie on one shard, so the shards'
 * distinct people add up.
 */
export function valueRowsSql(column: string, { cast, subquery, shardColumn, groupByKeys }: SqlDialect & { shardColumn: string }): string {
  const partials = `SELECT ${shardColumn}, ${column} AS value, count(*) AS n FROM mart.person_year WHERE ${column} IS NOT NULL ${groupByKeys(2)}`;
  return `SELECT value, ${cast('sum(n)', 'bigint')} AS n FROM ${subquery(partials, 'partials')} ${groupByKeys(1)}`;
}

export function fewValuePeopleSql(column: string, values: number, { cast, subquery, shardColumn, groupByKeys }: SqlDialect & { shardColumn: string }): string {
  const list = Array.from({ length: values }, (_, i) => `$${i + 1}`).join(', ');
  const partials = `SELECT ${shardColumn}, ${column} AS value, count(DISTINCT person_id) AS people FROM mart.person_year WHERE ${column} IN (${list}) ${groupByKeys(2)}`;
  return `SELECT value, ${cast('sum(people)', 'bigint')} AS people FROM ${subquery(partials, 'partials')} ${groupByKeys(1)}`;
}

/**
 * The facts a load stores (pipelines/marts/store-warehouse-facts.ts, etl-schema.sql), so a server reads
 * a few rows instead of counting over the person rows: the population with its key sum, and the exact
 * people holding each value of each dimension (by its API name). A warehouse loaded before them has
 * neither table, and its facts are computed as above.
 */
export const STORED_FACTS = {
  population: { schema: 'etl', table: 'population_fact' },
  dimensionValues: { schema: 'etl', table: 'dimension_value_people' },
} as const;

/** How many of the stored fact tables the warehouse has (two: read them; fewer: compute). */
export const storedFactTablesSql = (): string =>
  `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = '${STORED_FACTS.population.schema}'
     AND table_name IN ('${STORED_FACTS.population.table}', '${STORED_FACTS.dimensionValues.table}')`;

export const storedPopulationSql = ({ cast }: SqlDialect): string =>
  `SELECT ${cast('people', 'bigint')} AS people, ${cast('key_sum', 'bigint')} AS key_sum FROM ${STORED_FACTS.population.schema}.${STORED_FACTS.population.table}`;

export const storedDimensionValuesSql = ({ cast }: SqlDialect): string =>
  `SELECT dimension, value, ${cast('people', 'bigint')} AS people FROM ${STORED_FACTS.dimensionValues.schema}.${STORED_FACTS.dimensionValues.table}`;
