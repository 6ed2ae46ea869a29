// Compiles a validated cohort definition to one query over core.* that returns the members'
// person key (person_id, or a publication's person_number), one row each, in a SQL dialect (DuckDB by default; PostgreSQL, sharded or not).
// A sharded publication carries the core tables it reads on the shards (pipelines/publish-postgres).
// Pure: no I/O. Every value (code, date, number, category) is a bound parameter $1…; table and column
// names are fixed here, and operators come from an allow-list.
// The SQL can be spliced into `person_id IN (…)` with its parameters renumbered (build-measure-sql.ts).
import type { RowLimits } from '../accounts/row-restriction.ts';
import type { SqlValue } from '../warehouse/database.ts';
import { duckdbDialect } from '../warehouse/dialect/duckdb.ts';
import type { SqlDialect } from '../warehouse/dialect/sql-dialect.ts';
import type {
  AgeSpec, AnchorCriterion, CohortDefinition, Comparator, ConditionSpec, Criterion, DateRange, EncounterSpec, EnrolledSpec, LabSpec, MedicationSpec, PayerSpec, Within,
} from './cohort-schema.ts';
import { CONDITION_VALUE_SETS } from './value-sets.ts';

export interface CohortSql {
  sql: string;
  values: SqlValue[];
}

/** The last day of data: the day of the latest encounter, as mart.person_period's data window ends. */
export const DEFAULT_INDEX_DATE_SQL = '(SELECT max(start_ts)::DATE FROM core.encounter)';

/** DEFAULT_INDEX_DATE_SQL in a dialect: on shards in two phases, each shard's latest encounter, then the latest of them. */
export function defaultIndexDateSql({ shardColumn }: SqlDialect): string {
  if (!shardColumn) return DEFAULT_INDEX_DATE_SQL;
  return `(SELECT max(latest)::DATE FROM (SELECT ${shardColumn}, max(start_ts) AS latest FROM core.encounter GROUP BY 1) AS shards)`;
}

const COMPARATORS: Record<Comparator, string> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=', '=': '=', '!=': '<>' };
const OPEN_END = "DATE '9999-12-31'";

type EventSpec = ConditionSpec | LabSpec | MedicationSpec | EncounterSpec;

/** A definition as it is compiled: its criteria and index date, and the caller's row restriction if any. */
export type CompiledDefinition = Pick<CohortDefinition, 'criteria' | 'indexDate'> & { restriction?: RowLimits };

/**
 * The column that names a person in every table the SQL reads: the pseudonym (person_id), or on a
 * PostgreSQL publication the person number it stores with each person row (core.person's rowid at
 * publish: an integer, so members travel as numbers; pipelines/publish-postgres).
 */
export type PersonKey = 'person_id' | 'person_number';
const PERSON_KEYS: Record<PersonKey, string> = { person_id: 'person_id', person_number: 'person_number' };

export function buildCohortSql(
  definition: CompiledDefinition,
  valueSets: ReadonlyMap<string, readonly string[]> = CONDITION_VALUE_SETS,
  dialect: SqlDialect = duckdbDialect,
  what: 'members' | 'visible people' = 'members',
  personKey: PersonKey = 'person_id',
): CohortSql {
  const key = PERSON_KEYS[personKey];
  const values: SqlValue[] = [];
  const bind = (value: SqlValue, cast?: 'DATE' | 'INTEGER' | 'DOUBLE') => {
    values.push(value);
    return cast ? `$${values.length}::${cast === 'DOUBLE' ? dialect.typeName('double') : cast}` : `$${values.length}`;
  };
  const bindList = (list: readonly SqlValue[]) => list.map((v) => bind(v)).join(', ');
  const indexDate = (at?: string) => {
    const date = at ?? definition.indexDate;
    return date === undefined ? defaultIndexDateSql(dialect) : bind(date, 'DATE');
  };

  function criterion(c: Criterion): string {
    if ('all' in c) return combine(c.all, 'INTERSECT');
    if ('any' in c) return combine(c.any, 'UNION');
    if ('not' in c) return `SELECT ${key} FROM core.person EXCEPT SELECT ${key} FROM (${criterion(c.not)}) AS excluded`;
    if ('sex' in c) return personWhere('sex', c.sex);
    if ('race' in c) return personWhere('race', c.race);
    if ('ethnicity' in c) return personWhere('ethnicity', c.ethnicity);
    if ('county' in c) return personWhere('county', c.county);
    if ('age' in c) return age(c.age);
    if ('payer' in c) return payer(c.payer);
    if ('alive' in c) return alive();
    if ('enrolled' in c) return enrolled(c.enrolled);
    const [kind, spec] = Object.entries(c)[0] as [keyof AnchorCriterion & string, EventSpec & { minCount?: number }];
    const anchored = spec.within ? ` WHERE ${withinSql(spec.within)}` : '';
    const enough = spec.minCount !== undefined && spec.minCount > 1 ? ` HAVING count(*) >= ${bind(spec.minCount, 'INTEGER')}` : '';
    return `SELECT e.${key} FROM (${events({ [kind]: spec } as AnchorCriterion)}) AS e${anchored} GROUP BY e.${key}${enough}`;
  }

  function combine(children: Criterion[], operator: 'INTERSECT' | 'UNION'): string {
    if (children.length === 1) return criterion(children[0]!);
    return children.map((child, i) => `SELECT ${key} FROM (${criterion(child)}) AS c${i}`).join(`\n${operator}\n`);
  }

  const asList = <T extends string>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

  function personWhere(column: 'sex' | 'race' | 'ethnicity' | 'county', value: string | string[]): string {
    return `SELECT ${key} FROM core.person WHERE ${column} IN (${bindList(asList(value))})`;
  }

  /** Age in whole years at the index date (as mart.person_period computes it); born by then. */
  function age(spec: AgeSpec): string {
    const years = `(${ageSql('p', 'i.index_date', dialect)})`;
    const where = ['(p.age_90_plus OR p.birth_date <= i.index_date)'];
    if (spec.min !== undefined) where.push(`${years} >= ${bind(spec.min, 'INTEGER')}`);
    if (spec.max !== undefined) where.push(`${years} <= ${bind(spec.max, 'INTEGER')}`);
    return `SELECT p.${key} FROM core.person AS p, (SELECT ${indexDate(spec.at)} AS index_date) AS i WHERE ${where.join(' AND ')}`;
  }

  /** Covered by a payer of the category on any day of the window (default: on the index date). */
  function payer(spec: PayerSpec): string {
    const [start, end] = spec.between ? [bind(spec.between[0], 'DATE'), bind(spec.between[1], 'DATE')] : [null, null];
    const window = start && end ? { start, end } : { start: 'i.index_date', end: 'i.index_date' };
    // The join before the comma: PostgreSQL binds JOIN tighter than a comma, so ON could not name c after `, i`.
    const from = start ? 'core.coverage AS c JOIN core.payer AS py ON py.payer_id = c.payer_id'
      : `core.coverage AS c JOIN core.payer AS py ON py.payer_id = c.payer_id, (SELECT ${indexDate()} AS index_date) AS i`;
    return `SELECT DISTINCT c.${key} FROM ${from}
            WHERE py.category IN (${bindList(asList(spec.category))}) AND c.start_date <= ${window.end} AND coalesce(c.end_date, ${OPEN_END}) >= ${window.start}`;
  }

  /** Alive on the index date: born by then (or aged 90+, whose birth date is withheld) and not dead on or before it. */
  function alive(): string {
    return `SELECT p.${key} FROM core.person AS p, (SELECT ${indexDate()} AS index_date) AS i
            WHERE (p.age_90_plus OR p.birth_date <= i.index_date) AND (p.death_date IS NULL OR p.death_date > i.index_date)`;
  }

  /**
   * Continuously covered from `before` days before the index date to `after` days after it: the
   * person's coverage spans (any payer) merged where they overlap or meet (one ends the day before
   * the next starts), and one merged span holding the whole window.
   */
  function enrolled(spec: EnrolledSpec): string {
    const before = bind(spec.before ?? 0, 'INTEGER');
    const after = bind(spec.after ?? 0, 'INTEGER');
    return `SELECT DISTINCT m.${key} FROM (
              SELECT ${key}, min(start_date) AS start_date, max(end_date) AS end_date FROM (
                SELECT ${key}, start_date, end_date,
                       sum(CASE WHEN reach IS NULL OR start_date > reach + 1 THEN 1 ELSE 0 END)
                         OVER (PARTITION BY ${key} ORDER BY start_date, end_date ROWS UNBOUNDED PRECEDING) AS island
                FROM (
                  SELECT ${key}, start_date, coalesce(end_date, ${OPEN_END}) AS end_date,
                         max(coalesce(end_date, ${OPEN_END})) OVER (PARTITION BY ${key} ORDER BY start_date, coalesce(end_date, ${OPEN_END})
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach
                  FROM core.coverage
                ) AS spans
              ) AS islands GROUP BY ${key}, island
            ) AS m, (SELECT ${indexDate()} AS index_date) AS i
            WHERE m.start_date <= i.index_date - ${before} AND m.end_date >= i.index_date + ${after}`;
  }

  /** One row per matching event: the person key and event_date (the day the event happened or began). */
  function events(c: AnchorCriterion): string {
    const between = (spec: { between?: DateRange }) => (spec.between ? [bind(spec.between[0], 'DATE'), bind(spec.between[1], 'DATE')] as const : undefined);
    if ('condition' in c) {
      // A diagnosis is dated by its onset; `between` asks for one active on any day of the window.
      const spec = c.condition;
      const codes = spec.group !== undefined ? valueSets.get(spec.group) ?? [] : spec.codes ?? [];
      const where = [`code IN (${bindList(codes)})`];
      const window = between(spec);
      if (window) where.push(`start_date <= ${window[1]}`, `coalesce(stop_date, ${OPEN_END}) >= ${window[0]}`);
      return `SELECT ${key}, start_date AS event_date FROM core.condition WHERE ${where.join(' AND ')}`;
    }
    if ('lab' in c) {
      const spec = c.lab;
      const where = [`code = ${bind(spec.code)}`, 'value_num IS NOT NULL', `value_num ${COMPARATORS[spec.op]} ${bind(spec.value, 'DOUBLE')}`];
      const window = between(spec);
      if (window) where.push(`obs_ts::DATE BETWEEN ${window[0]} AND ${window[1]}`);
      return `SELECT ${key}, obs_ts::DATE AS event_date FROM core.observation WHERE ${where.join(' AND ')}`;
    }
    if ('medication' in c) {
      // A prescription is dated by its start; `between` asks for one active on any day of the window.
      const spec = c.medication;
      const where = [`code IN (${bindList(spec.codes)})`];
      const window = between(spec);
      if (window) where.push(`start_ts::DATE <= ${window[1]}`, `coalesce(stop_ts::DATE, ${OPEN_END}) >= ${window[0]}`);
      return `SELECT ${key}, start_ts::DATE AS event_date FROM core.medication WHERE ${where.join(' AND ')}`;
    }
    const spec = c.encounter;
    const where = spec.class === undefined ? ['TRUE'] : [`encounter_class IN (${bindList(asList(spec.class))})`];
    const window = between(spec);
    if (window) where.push(`start_ts::DATE BETWEEN ${window[0]} AND ${window[1]}`);
    return `SELECT ${key}, start_ts::DATE AS event_date FROM core.encounter WHERE ${where.join(' AND ')}`;
  }

  /** The event e is dated within `days` after, before or around (either side of) an anchor event. */
  function withinSql(within: Within): string {
    const anchor = (within.after ?? within.before ?? within.around)!;
    const anchorEvents = events(anchor);
    const anchored = (Object.values(anchor)[0] as EventSpec).within;
    const days = bind(within.days, 'INTEGER');
    const range = within.after
      ? `a.event_date AND a.event_date + ${days}`
      : within.before
        ? `a.event_date - ${days} AND a.event_date`
        : `a.event_date - ${days} AND a.event_date + ${days}`;
    // An anchor may itself be anchored: keep only its events that meet its own `within`.
    const anchorRows = anchored ? `SELECT * FROM (${anchorEvents}) AS e WHERE ${withinSql(anchored)}` : anchorEvents;
    return `EXISTS (SELECT 1 FROM (${anchorRows}) AS a WHERE a.${key} = e.${key} AND e.event_date BETWEEN ${range})`;
  }

  /**
   * The people a row restriction lets the caller see (docs/architecture.md, Row-level restriction):
   * county from core.person, organization by the person's attribution (one per person in the marts),
   * payer as the category of the person-year holding the index date.
   */
  function restricted(limits: RowLimits): string[] {
    const list = (allowed: readonly string[]) => (allowed.length === 0 ? 'NULL' : bindList(allowed));
    const where: string[] = [];
    if (limits.county) where.push(`${key} IN (SELECT ${key} FROM core.person WHERE coalesce(county, 'Unknown') IN (${list(limits.county)}))`);
    if (limits.organization) where.push(`${key} IN (SELECT ${key} FROM mart.person_year WHERE organization IN (${list(limits.organization)}))`);
    if (limits.payer) {
      where.push(`${key} IN (SELECT y.${key} FROM mart.person_year AS y, (SELECT ${indexDate()} AS index_date) AS i
                  WHERE i.index_date BETWEEN y.period_start AND y.period_end AND y.payer IN (${list(limits.payer)}))`);
    }
    return where;
  }

  if (what === 'visible people') {
    const limits = restricted(definition.restriction ?? {});
    return { sql: `SELECT ${key} FROM core.person${limits.length ? ` WHERE ${limits.join(' AND ')}` : ''}`, values };
  }
  const limits = definition.restriction ? restricted(definition.restriction) : [];
  const sql = `SELECT ${key} FROM (\n${criterion(definition.criteria)}\n) AS cohort${limits.length ? ` WHERE ${limits.join(' AND ')}` : ''}`;
  return { sql, values };
}

/** The people the definition's row restriction lets the caller see (everyone without one); its criteria are not used. */
export function buildVisiblePeopleSql(definition: CompiledDefinition, dialect: SqlDialect = duckdbDialect, personKey: PersonKey = 'person_id'): CohortSql {
  return buildCohortSql(definition, CONDITION_VALUE_SETS, dialect, 'visible people', personKey);
}

/**
 * Age in whole years of person `p` on `date`. The warehouse withholds the birth date of people aged
 * 90 or more by the end of their record (HIPAA Safe Harbor; pipelines/model/person.sql): they count as 90.
 */
export function ageSql(p: string, date: string, dialect: SqlDialect = duckdbDialect): string {
  return `CASE WHEN ${p}.age_90_plus THEN 90 ELSE ${dialect.yearsBetween(`${p}.birth_date`, date)} END`;
}

/** The same SQL with its parameters renumbered from offset + 1, to follow `offset` other values. */
export function shiftParameters(sql: string, offset: number): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
