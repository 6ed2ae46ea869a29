// The warehouse facts the API serves (core/warehouse/warehouse-facts.ts), computed once at load from
// the built core.person and mart.person_year and stored in etl.population_fact and
// etl.dimension_value_people: a server then reads a few rows where it counted over every person row
// (seconds at a million people, ~18 value-count queries on sharded PostgreSQL). The people per value
// are exact; the disclosure threshold is applied when they are read, so a policy change needs no reload.
import type { Database } from '../../core/warehouse/database.ts';
import { keySumSql, recordKeySql, RECORD_KEY_COLUMN } from '../../core/disclosure/cell-key.ts';
import { DIMENSIONS, DIMENSION_NAMES } from '../../core/measures/dimensions.ts';
import { STORED_FACTS } from '../../core/warehouse/warehouse-facts-sql.ts';

const tableIn = (prefix: string, { schema, table }: { schema: string; table: string }) => `${prefix}${schema}.${table}`;

/** The population and its key sum, as populationSql counts it: every person of core.person, their record keys summed modulo 2³². */
export const populationFactSql = (prefix: string): string =>
  `INSERT INTO ${tableIn(prefix, STORED_FACTS.population)}
   SELECT count(*)::BIGINT, ${keySumSql('count(*)')}::BIGINT
   FROM (SELECT ${recordKeySql('person_id')} AS ${RECORD_KEY_COLUMN} FROM ${prefix}core.person)`;

/** Every value of every dimension with the distinct people holding it in any year (one scan per dimension, run together). */
export const dimensionValuePeopleSql = (prefix: string): string =>
  `INSERT INTO ${tableIn(prefix, STORED_FACTS.dimensionValues)}\n` + DIMENSION_NAMES.map((name) =>
    `SELECT '${name}', ${DIMENSIONS[name]}::VARCHAR, count(DISTINCT person_id)::BIGINT FROM ${prefix}mart.person_year
     WHERE ${DIMENSIONS[name]} IS NOT NULL GROUP BY ${DIMENSIONS[name]}`).join('\nUNION ALL\n');

/** Stores the facts into the build (`prefix`: the attached build's catalog, e.g. 'wh.'). */
export async function storeWarehouseFacts(db: Database, prefix: string): Promise<void> {
  await db.run(populationFactSql(prefix));
  await db.run(dimensionValuePeopleSql(prefix));
}
