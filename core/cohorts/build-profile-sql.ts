// A cohort's characterization (characterize-cohort.ts) written for PostgreSQL, over a publication of
// pipelines/publish-postgres (its core and mart tables carry each person's record key and person
// number). On a sharded publication (dialect.shardColumn) every aggregate over person rows is written
// in two phases: a partial aggregate grouped by the shard first, which the engine pushes to each
// shard whole (each person's rows live on one shard), and its re-aggregation on the coordinator, as
// the measures are (build-measure-sql.ts). The members arrive as one bound bitset over the person
// numbers the publication stores with each person row (postgres-members.ts; no pseudonym is sent), which
// each shard tests with get_bit() in the same statement as its aggregate. The index date, which names no member, is here in both dialects;
// DuckDB's member queries are cohort-query.ts's and its shared descriptions condition-names.ts's. Pure:
// no I/O; every value is bound, only fixed SQL is spliced in.
import { keyResiduesSumSql, RECORD_KEY_COLUMN, RECORD_KEY_MODULUS } from '../disclosure/cell-key.ts';
import { additiveColumns } from '../measures/build-measure-sql.ts';
import { requireMeasure } from '../measures/catalog.ts';
import type { RatioMeasure } from '../measures/measure-definition.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { PERSON_NUMBER_COLUMN } from '../warehouse/dialect/postgres.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import { defaultIndexDateSql, DEFAULT_INDEX_DATE_SQL, type CohortSql } from './build-cohort-sql.ts';

/** A member's age band at the index date (`age` is in whole years, null when unknown); demographicsSql spells it with birth date cutoffs. */
export const AGE_BAND_SQL = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN '0-17' WHEN age < 35 THEN '18-34' WHEN age < 50 THEN '35-49'
  WHEN age < 65 THEN '50-64' WHEN age < 75 THEN '65-74' WHEN age < 85 THEN '75-84' ELSE '85+' END`;

/** Synthea's social history ("(finding)", "(situation)"): not a common diagnosis unless a value set names its code. */
export const socialHistorySql = (description: string): string => `(coalesce(${description}, '') LIKE '%(finding)' OR coalesce(${description}, '') LIKE '%(situation)')`;

/** socialHistorySql for a description that is not null. */
const socialHistoryOfTextSql = `(description LIKE '%(finding)' OR description LIKE '%(situation)')`;

const COST_PMPM = requireMeasure('cost-pmpm') as RatioMeasure;

/** What every PostgreSQL profile query starts from: the members and the resolved index date (YYYY-MM-DD). */
export interface ProfileMembers {
  /** The members as bytea text, bit n for person number n (postgres-members.ts, memberBitmap). */
  bitmap: string;
  indexDate: string;
}

/** A person row of a member: its person number's bit, bound once (get_bit() is shipped to the shard with the aggregate). */
const memberSql = (b: Binder, members: ProfileMembers): string => `get_bit(${b.bind(members.bitmap, '::bytea')}, ${PERSON_NUMBER_COLUMN}) = 1`;

/** The definition's index date as text (YYYY-MM-DD): the one given, else the last day of data. */
export function indexDateSql(dialect: SqlDialect, explicit: boolean): string {
  if (dialect.name === 'duckdb') return `SELECT strftime(${explicit ? '$1::DATE' : DEFAULT_INDEX_DATE_SQL}, '%Y-%m-%d') AS index_date`;
  return `SELECT to_char(${explicit ? '$1::date' : defaultIndexDateSql(dialect)}, 'YYYY-MM-DD') AS index_date`;
}

/** Binds values in order: `$n` for each. */
class Binder {
  readonly values: SqlValue[] = [];
  bind(value: SqlValue, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
  /** A list as one bound PostgreSQL array (its text form: every element quoted, so any text travels as it is). */
  bindArray(list: readonly string[]): string {
    return this.bind(`{${list.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`, '::text[]');
  }
}

/** The partial aggregate's leading keys and GROUP BY: the shard first when there are shards. */
function partial(dialect: SqlDialect, keys: string[]): { select: string; groupBy: string } {
  const all = dialect.shardColumn ? [dialect.shardColumn, ...keys] : keys;
  return { select: all.map((k) => `${k}, `).join(''), groupBy: all.length > 0 ? dialect.groupByKeys(all.length) : '' };
}

/**
 * People counted once each however many rows they have in a group of an event table: on a shard a
 * person's rows are all there, so count(DISTINCT person number) is exact per shard; their key residue
 * is summed over distinct (person number × 2³² + record key), which adds each person's key once
 * (record keys may collide between two people; person numbers do not) and is the same modulo 2³².
 */
const distinctPeople = `count(DISTINCT ${PERSON_NUMBER_COLUMN}) AS n,
  sum(DISTINCT ${PERSON_NUMBER_COLUMN}::numeric * ${RECORD_KEY_MODULUS} + ${RECORD_KEY_COLUMN}) AS key`;

/** Re-aggregates partial (n, key) rows: counts add up, key residues add up modulo 2³². */
const combinedPeople = (dialect: SqlDialect) => `${dialect.cast('sum(n)', 'bigint')} AS n, ${dialect.cast(keyResiduesSumSql('key'), 'bigint')} AS key`;

/** The lower bounds of the age bands after the first (AGE_BANDS: 0-17, 18-34, …, 85+). */
const BAND_STARTS: [number, string][] = [[85, '85+'], [75, '75-84'], [65, '65-74'], [50, '50-64'], [35, '35-49'], [18, '18-34']];

/**
 * The latest birth date of a person `years` old or more at `indexDate` (YYYY-MM-DD), in whole years as DuckDB's
 * date_sub('year', …) counts them (the warehouse's rule, which ageSql follows there): the same day `years` earlier,
 * and when the index date is the last day of its month, the last day of that month `years` earlier (so a person
 * born on 29 February is a year older on 28 February of a year without one).
 */
export function birthDateCutoff(indexDate: string, years: number): string {
  const [y, m, d] = indexDate.split('-').map(Number) as [number, number, number];
  const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = d === daysIn(y, m) ? daysIn(y - years, m) : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Members by age band, sex and race: rows (breakdown, value, n, key), the partial per shard read once. The age band
 * compares the birth date with each band's cutoff date (bound): postgres_fdw ships a date comparison to the shard,
 * where it ships no extract() of an age.
 */
export function demographicsSql(dialect: SqlDialect, members: ProfileMembers): CohortSql {
  const b = new Binder();
  const isMember = memberSql(b, members);
  const shard = dialect.shardColumn ? `${dialect.shardColumn}, ` : '';
  // As greatest(age at the index date, 0) falls in AGE_BAND_SQL's bands: 90 and over is 85+; unknown without a birth date.
  const bands = BAND_STARTS.map(([years, band]) => `WHEN birth_date <= ${b.bind(birthDateCutoff(members.indexDate, years), '::date')} THEN '${band}'`);
  const ageBand = `CASE WHEN age_90_plus THEN '85+' WHEN birth_date IS NULL THEN 'unknown' ${bands.join(' ')} ELSE '0-17' END`;
  const { select, groupBy } = partial(dialect, ['age_band', 'sex', 'race']);
  // A nested select without aggregates, which the planner flattens: one aggregate over core.person, pushed to each shard.
  // Sex and race as they are (postgres_fdw ships no coalesce() among the keys): 'unknown' is given on the coordinator.
  const partials = `SELECT ${select}count(*) AS n, sum(${RECORD_KEY_COLUMN}) AS key FROM (
      SELECT ${shard}${ageBand} AS age_band, sex, race, ${RECORD_KEY_COLUMN}
      FROM core.person WHERE ${isMember}) AS people ${groupBy}`;
  const by = (breakdown: string, column: string) =>
    `SELECT '${breakdown}' AS breakdown, coalesce(${column}, 'unknown') AS value, ${combinedPeople(dialect)} FROM partials GROUP BY 2`;
  return { sql: `WITH partials AS (${partials})\n${by('ageBand', 'age_band')}\nUNION ALL ${by('sex', 'sex')}\nUNION ALL ${by('race', 'race')}`, values: b.values };
}

/**
 * Members with a diagnosis of each condition group on or before the index date (kind 'group', code the
 * group), and, with `withCommon`, of each (system, code) that may be listed as a common diagnosis (kind
 * 'diagnosis'): ordered by kind, true count (descending), system and code, as the DuckDB query is.
 * A code belongs to at most one group (the reference data's rule; checked here).
 */
export function diagnosesSql(dialect: SqlDialect, members: ProfileMembers, valueSets: ReadonlyMap<string, readonly string[]>, withCommon: boolean): CohortSql {
  const b = new Binder();
  const isMember = memberSql(b, members);
  const indexDate = b.bind(members.indexDate, '::date');
  const allCodes = [...valueSets.values()].flat();
  if (new Set(allCodes).size !== allCodes.length) throw new RangeError('a condition code belongs to two condition groups: group counts need each code in one');
  const codes = b.bindArray(allCodes);
  const groupOf = `CASE ${[...valueSets].map(([group, list]) => `WHEN code = ANY(${b.bindArray(list)}) THEN ${b.bind(group)}`).join(' ')} END`;
  const where = `${isMember} AND start_date <= ${indexDate}`;
  const groups = partial(dialect, ['grp']);
  const groupPartials = `SELECT ${groups.select}${distinctPeople} FROM (SELECT ${dialect.shardColumn ? `${dialect.shardColumn}, ` : ''}${groupOf} AS grp, ${PERSON_NUMBER_COLUMN}, ${RECORD_KEY_COLUMN}
      FROM core.condition WHERE ${where} AND code = ANY(${codes})) AS coded ${groups.groupBy}`;
  const parts = [`SELECT 'group' AS kind, ${dialect.cast('NULL', 'text')} AS system, grp AS code, ${combinedPeople(dialect)} FROM ${dialect.subquery(groupPartials, 'group_partials')} GROUP BY grp`];
  if (withCommon) {
    const common = partial(dialect, ['system', 'code']);
    // A (code, member) is listed when any of its records is: the records that are, counted per distinct person. A record
    // without a description is listed, as coalesce(description, '') is in socialHistorySql: spelled without coalesce(),
    // which postgres_fdw does not ship.
    const commonPartials = `SELECT ${common.select}${distinctPeople} FROM core.condition
        WHERE ${where} AND (code = ANY(${codes}) OR description IS NULL OR NOT ${socialHistoryOfTextSql}) ${common.groupBy}`;
    parts.push(`SELECT 'diagnosis', system, code, ${combinedPeople(dialect)} FROM ${dialect.subquery(commonPartials, 'common_partials')} GROUP BY system, code`);
  }
  // Byte order for system and code, as DuckDB sorts them.
  return { sql: `SELECT * FROM (${parts.join('\nUNION ALL ')}) AS diagnoses\nORDER BY kind, n DESC, system COLLATE "C", code COLLATE "C"`, values: b.values };
}

/**
 * The members' cost per member per month over the latest year of mart.person_year (one row per person
 * in coverage that year): the sums of the catalog's cost-pmpm measure (build-measure-sql.ts's
 * additive columns), partial per shard, then added up. Columns as cohort-cost.ts reads them.
 */
export function costSql(dialect: SqlDialect, members: ProfileMembers): CohortSql {
  const b = new Binder();
  const isMember = memberSql(b, members);
  const { cast, subquery } = dialect;
  const years = partial(dialect, []);
  const columns = additiveColumns(COST_PMPM, dialect);
  const sums = partial(dialect, []);
  const partials = `SELECT ${sums.select}${columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')}
    FROM mart.person_year WHERE ${isMember} AND period_start = (SELECT start FROM latest) ${sums.groupBy}`;
  const total = (column: string, as: string, type: 'double' | 'bigint') => `${cast(`coalesce(sum(${column}), 0)`, type)} AS ${as}`;
  return {
    sql: `WITH latest AS (SELECT max(latest) AS start FROM ${subquery(`SELECT ${years.select}max(period_start) AS latest FROM mart.person_year ${years.groupBy}`, 'years')})
          SELECT (SELECT ${dialect.dateLabel('start', 'year')} FROM latest) AS year,
                 ${total('n', 'n', 'bigint')}, ${total('numerator_people', 'numerator_people', 'bigint')},
                 ${total('numerator', 'y', 'double')}, ${total('denominator', 'x', 'double')}, ${total('sum_yy', 'yy', 'double')},
                 ${total('sum_xx', 'xx', 'double')}, ${total('sum_xy', 'xy', 'double')},
                 ${cast(keyResiduesSumSql('numerator_key'), 'bigint')} AS numerator_key, ${cast(keyResiduesSumSql('denominator_key'), 'bigint')} AS denominator_key,
                 ${cast('coalesce(max(max_value), 0)', 'double')} AS max_value
          FROM ${subquery(partials, 'partials')}`,
    values: b.values,
  };
}

/**
 * For each of `codes` (system, code), the description of its records that the most people of the
 * warehouse share, if at least `minimumPeople` do (ties: the first in byte order); rows (system, code,
 * description). People are counted per shard (each person on one), then added up. PostgreSQL only:
 * condition-names.ts reads DuckDB's with a shortcut of its own.
 */
export function sharedDescriptionsSql(dialect: SqlDialect, codes: readonly { system: string; code: string }[], minimumPeople: number): CohortSql {
  if (dialect.name === 'duckdb') throw new Error("DuckDB's shared descriptions are read by condition-names.ts");
  const b = new Binder();
  const minimum = b.bind(minimumPeople);
  const systems = b.bindArray(codes.map((c) => c.system));
  const list = b.bindArray(codes.map((c) => c.code));
  const { select, groupBy } = partial(dialect, ['system', 'code', 'description']);
  const partials = `SELECT ${select}count(DISTINCT person_id) AS people FROM core.condition
      WHERE code = ANY(${list}) AND system = ANY(${systems}) AND description IS NOT NULL ${groupBy}`;
  return {
    sql: `SELECT DISTINCT ON (system, code) system, code, description FROM (
            SELECT system, code, description, sum(people) AS people FROM ${dialect.subquery(partials, 'partials')}
            GROUP BY system, code, description HAVING sum(people) >= ${minimum}) AS shared
          ORDER BY system, code, people DESC, description COLLATE "C"`,
    values: b.values,
  };
}
