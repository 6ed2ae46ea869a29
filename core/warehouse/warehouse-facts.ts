// Facts about the warehouse the server answers from, cached per warehouse generation
// (a new file is a new Database object, so a reload never serves stale facts).
// Both are side doors of disclosure control (docs/disclosure.md, "Side doors"): below admin the
// population is published perturbed and a dimension lists only values held by 11 or more people.
// The exact variants exist for the admin setting `exactCounts` and must never be the default.
import type { Database } from './database.ts';
import { perDatabase, remembered } from './per-database.ts';
import { keySumSql, perturbCount, RECORD_KEY_COLUMN } from '../disclosure/cell-key.ts';
import {
  fewValuePeopleSql, mostRowsPerPersonSql, peopleAtLeastSql, populationSql, storedDimensionValuesSql, storedFactTablesSql, storedPopulationSql, valueRowsSql,
} from './warehouse-facts-sql.ts';
import { isSmallCount, resolvePolicy } from '../disclosure/policy.ts';
import { compareDimensionValues } from '../measures/dimension-order.ts';
import { DIMENSIONS, DIMENSION_NAMES, type Dimension } from '../measures/dimensions.ts';
import { DEFAULT_TABLE } from '../measures/perturb-cell.ts';
import { canonicalRule, type RowLimits } from '../accounts/row-restriction.ts';
import { restrictionConditions } from '../measures/build-measure-sql.ts';

export interface WarehouseMeta {
  dataVersion: string;
  loadedAt: string;
  dateRange: { start: string; end: string };
  /** The people in the warehouse (core.person): perturbed by the cell key method unless exact counts are on. */
  people: number;
}

export type DimensionValues = Record<Dimension, string[]>;

/** Exact counts (the admin setting of a trusted environment) instead of protected ones; default false. */
export interface FactOptions {
  exactCounts?: boolean;
  /**
   * A caller's row restriction: meta counts only the people with a person-year inside it, and each
   * restricted dimension lists only its allowed values (the other dimensions list as for everyone).
   */
  restriction?: RowLimits;
}

interface Variants<T> {
  exact: T;
  protected: T;
}

// Both variants are built together and kept as fixed objects, so a route that serializes a value
// once per identity (fixedJsonSender) serializes each variant once per generation.
const metaVariants = perDatabase(readMeta);
const dimensionVariants = perDatabase(readDimensionValues);

const pick = <T>(variants: Promise<Variants<T>>, options: FactOptions): Promise<T> =>
  variants.then((v) => (options.exactCounts === true ? v.exact : v.protected));

export function warehouseMeta(db: Database, options: FactOptions = {}): Promise<WarehouseMeta> {
  const whole = pick(metaVariants(db), options);
  if (!options.restriction) return whole;
  const { restriction } = options;
  return withinRestriction(restrictedMetaCache, db, restriction, options, async () => {
    const [facts, people] = await Promise.all([whole, restrictedPeople(db, restriction)]);
    return { exact: { ...facts, people: people.people }, protected: { ...facts, people: perturbCount(DEFAULT_TABLE, people.people, people.key_sum) } };
  });
}

export function dimensionValues(db: Database, options: FactOptions = {}): Promise<DimensionValues> {
  const whole = pick(dimensionVariants(db), options);
  if (!options.restriction) return whole;
  const { restriction } = options;
  return withinRestriction(restrictedDimensionCache, db, restriction, options, async () => {
    const [exact, listed] = await Promise.all([dimensionValues(db, { exactCounts: true }), dimensionValues(db, { exactCounts: false })]);
    const narrow = (values: DimensionValues): DimensionValues =>
      Object.fromEntries(DIMENSION_NAMES.map((name) => {
        const allowed = restriction[name as keyof RowLimits];
        return [name, allowed ? values[name].filter((v) => allowed.includes(v)) : values[name]];
      })) as DimensionValues;
    return { exact: narrow(exact), protected: narrow(listed) };
  });
}

// Per warehouse generation and restriction, so a restricted caller's facts are one fixed object too.
const restrictedMetaCache = new WeakMap<Database, Map<string, Promise<Variants<WarehouseMeta>>>>();
const restrictedDimensionCache = new WeakMap<Database, Map<string, Promise<Variants<DimensionValues>>>>();

function withinRestriction<T>(
  cache: WeakMap<Database, Map<string, Promise<Variants<T>>>>, db: Database, restriction: RowLimits, options: FactOptions, read: () => Promise<Variants<T>>,
): Promise<T> {
  const byRestriction = cache.get(db) ?? new Map<string, Promise<Variants<T>>>();
  cache.set(db, byRestriction);
  return pick(remembered(byRestriction, canonicalRule({ limits: restriction }), read), options);
}

/** The people with at least one person-year inside the restriction, with their key sum (each person once). */
async function restrictedPeople(db: Database, restriction: RowLimits): Promise<{ people: number; key_sum: number }> {
  const values: unknown[] = [];
  const where = ['true', ...restrictionConditions(restriction, values)].join(' AND ');
  const [row] = await db.query<{ people: number; key_sum: number }>(
    `SELECT count(*)::BIGINT AS people, ${keySumSql('count(*)')}::BIGINT AS key_sum
     FROM (SELECT DISTINCT person_id, ${RECORD_KEY_COLUMN} FROM mart.person_year WHERE ${where})`,
    values as string[],
  );
  return { people: Number(row!.people), key_sum: Number(row!.key_sum) };
}

async function readMeta(db: Database): Promise<Variants<WarehouseMeta>> {
  const [[row], population] = await Promise.all([
    db.query<{ data_version: string; loaded_at: string; min_date: string; max_date: string }>(
      'SELECT data_version, loaded_at, min_date, max_date FROM etl.warehouse_info LIMIT 1',
    ),
    readPopulation(db),
  ]);
  const facts = { dataVersion: row.data_version, loadedAt: row.loaded_at, dateRange: { start: row.min_date, end: row.max_date } };
  return {
    exact: { ...facts, people: population.people },
    protected: { ...facts, people: perturbCount(DEFAULT_TABLE, population.people, population.key_sum) },
  };
}

/**
 * Whether the load stored the facts (pipelines/marts/store-warehouse-facts.ts; a sharded publication
 * copies them to the coordinator): a warehouse loaded before has no such tables, and its facts are
 * computed from the person rows. Asked once per warehouse generation.
 */
const hasStoredFacts = perDatabase((db) => db.query<{ n: number }>(storedFactTablesSql()).then(([row]) => Number(row?.n) === 2));

/** A fact as the load stored it when it did (and `stored` finds it), else as `computed` counts it from the person rows. */
async function storedOrComputed<T>(db: Database, stored: () => Promise<T | undefined>, computed: () => Promise<T>): Promise<T> {
  return ((await hasStoredFacts(db)) ? await stored() : undefined) ?? computed();
}

function readPopulation(db: Database): Promise<{ people: number; key_sum: number }> {
  return storedOrComputed(
    db,
    async () => {
      const [row] = await db.query<{ people: number; key_sum: number }>(storedPopulationSql(db.dialect));
      return row && { people: Number(row.people), key_sum: Number(row.key_sum) };
    },
    async () => (await db.query<{ people: number; key_sum: number }>(populationSql(db.dialect)))[0]!,
  );
}

type PeopleByValue = Map<Dimension, { value: string; people_at_least: number }[]>;

/** Each dimension's values with the exact people holding them, as the load stored them; undefined when it stored none. */
async function storedPeopleByValue(db: Database): Promise<PeopleByValue | undefined> {
  const rows = await db.query<{ dimension: string; value: string; people: number }>(storedDimensionValuesSql(db.dialect));
  if (rows.length === 0) return undefined;
  const byDimension: PeopleByValue = new Map(DIMENSION_NAMES.map((name) => [name, []]));
  for (const r of rows) byDimension.get(r.dimension as Dimension)?.push({ value: String(r.value), people_at_least: Number(r.people) });
  return byDimension;
}

/** Each value of a dimension's column with the people holding it (at least; see peopleAtLeastSql). */
async function peopleAtLeast(db: Database, column: string, fewRows: number, most: number): Promise<{ value: string; people_at_least: number }[]> {
  const { dialect } = db;
  if (!dialect.shardColumn) return db.query(peopleAtLeastSql(column, dialect), [fewRows, most]);
  const sharded = { ...dialect, shardColumn: dialect.shardColumn };
  const rows = await db.query<{ value: string; n: number }>(valueRowsSql(column, sharded));
  const few = rows.filter((r) => Number(r.n) < fewRows).map((r) => String(r.value));
  const people = new Map<string, number>();
  if (few.length > 0) {
    for (const r of await db.query<{ value: string; people: number }>(fewValuePeopleSql(column, few.length, sharded), few)) people.set(String(r.value), Number(r.people));
  }
  return rows.map((r) => ({ value: r.value, people_at_least: people.get(String(r.value)) ?? Math.floor(Number(r.n) / most) }));
}

/** Each dimension's values with the people holding them (at least), counted over the person rows. */
async function computedPeopleByValue(db: Database, threshold: number): Promise<PeopleByValue> {
  const [{ most }] = await db.query<{ most: number }>(mostRowsPerPersonSql(db.dialect));
  return new Map(await Promise.all(
    DIMENSION_NAMES.map(async (name) => {
      // People, not rows: a value held by 3 people over 10 years is 30 rows but still 3 people.
      const rows = await peopleAtLeast(db, DIMENSIONS[name], threshold * most, most);
      return [name, rows] as const;
    }),
  ));
}

async function readDimensionValues(db: Database): Promise<Variants<DimensionValues>> {
  const policy = resolvePolicy();
  const entries = [...(await storedOrComputed(db, () => storedPeopleByValue(db), () => computedPeopleByValue(db, policy.threshold)))];
  const values = (keep: (peopleAtLeast: number) => boolean) =>
    Object.fromEntries(entries.map(([name, rows]) => [
      name,
      rows.filter((r) => keep(r.people_at_least)).map((r) => String(r.value)).sort((a, b) => compareDimensionValues(name, a, b)),
    ])) as DimensionValues;
  return {
    exact: values(() => true),
    // CMS cell size policy: a value held by 1–10 people is not shown, nor accepted as a filter.
    protected: values((peopleAtLeast) => !isSmallCount(peopleAtLeast, policy)),
  };
}
