// A cohort definition's members as a MemberSet: each leaf criterion (a condition, a lab, an age, a
// payer…) is one SQL query (build-cohort-sql.ts), kept per warehouse generation, and all / any / not
// and the caller's row restriction are combined in memory. A builder session changes one criterion
// at a time, so a new definition mostly reuses the leaves of the ones before it, and the ledger
// compares cohorts without SQL. It must never answer for a generation other than the one asked.
import { recordKeySql } from '../disclosure/cell-key.ts';
import type { Database } from '../warehouse/database.ts';
import { buildCohortSql, buildVisiblePeopleSql, type CohortSql } from './build-cohort-sql.ts';
import type { CohortCriteria } from './cohort-query.ts';
import type { Criterion } from './cohort-schema.ts';
import { MemberSet, type PersonIndex } from './member-set.ts';
import { loadNumberedIndex, personKeyOf, queryNumberedMembers } from './postgres-members.ts';

/** A cohort's true size and key residue: for the ledger and disclosure control only, never published as is. */
export interface SizedMembers {
  members: MemberSet;
  count: number;
  key: number;
}

/** Leaf answers kept per generation (125 KB each at 1,000,000 people: 256 of them are 32 MB). */
const DEFAULT_CACHED_SETS = 256;
/** Counts of a cohort's members kept per generation (a few hundred rows each). */
const CACHED_COUNTS = 64;

/**
 * A generation's people by row number. On DuckDB the row number is core.person's rowid; on
 * PostgreSQL (no rowid, the people spread over shards) it is the person number the publication
 * stored with every person row, the same rowid taken at publish (postgres-members.ts).
 */
type GenerationIndex = PersonIndex;

interface Generation {
  index: Promise<GenerationIndex>;
  sets: Map<string, Promise<MemberSet>>;
  counts: Map<string, Promise<unknown>>;
}

export class CohortMembers {
  // A new load opens a new Database (server/warehouse/live-warehouse.ts): its answers start afresh.
  readonly #generations = new WeakMap<Database, Generation>();

  constructor(private readonly maxCachedSets = DEFAULT_CACHED_SETS) {}

  async sized(db: Database, definition: CohortCriteria): Promise<SizedMembers> {
    const generation = this.#generation(db);
    const index = await generation.index;
    const members = await this.of(db, definition);
    return { members, count: members.size, key: members.keySum(index.keys) };
  }

  /** Record keys by row number of the generation's people. */
  async keys(db: Database): Promise<Uint32Array> {
    return (await this.#generation(db).index).keys;
  }

  /** The generation's people: everyone, and record keys by row number. */
  async index(db: Database): Promise<PersonIndex> {
    return this.#generation(db).index;
  }

  async of(db: Database, definition: CohortCriteria): Promise<MemberSet> {
    const generation = this.#generation(db);
    const index = await generation.index;
    const evaluate = async (criterion: Criterion): Promise<MemberSet> => {
      if ('all' in criterion) return (await Promise.all(criterion.all.map(evaluate))).reduce((a, b) => a.and(b));
      if ('any' in criterion) return (await Promise.all(criterion.any.map(evaluate))).reduce((a, b) => a.or(b));
      if ('not' in criterion) return (await evaluate(criterion.not)).complementWithin(index.everyone);
      // The index date decides ages, coverage and "alive": it is part of a leaf's identity.
      const leaf = { criteria: criterion, indexDate: definition.indexDate };
      return this.#cached(db, generation, JSON.stringify(['leaf', leaf]), () => buildCohortSql(leaf, undefined, db.dialect, 'members', personKeyOf(db.dialect)));
    };
    const members = await evaluate(definition.criteria);
    if (!definition.restriction) return members;
    const visible = { criteria: definition.criteria, indexDate: definition.indexDate, restriction: definition.restriction };
    const key = JSON.stringify(['visible', definition.restriction, definition.indexDate]);
    return members.and(await this.#cached(db, generation, key, () => buildVisiblePeopleSql(visible, db.dialect, personKeyOf(db.dialect))));
  }

  /**
   * What `count` finds about a definition's members (its true counts by a characteristic, never
   * published as they are), run once per generation and kept with the members: a characterization
   * and a comparison of one cohort asked for at once (the cohort profile) share one run. `what`
   * names the counting; a failed run is not kept.
   */
  counted<T>(db: Database, definition: CohortCriteria, what: string, count: () => Promise<T>): Promise<T> {
    const { counts } = this.#generation(db);
    const key = countsKey(definition, what);
    const hit = counts.get(key);
    if (hit) {
      counts.delete(key);
      counts.set(key, hit);
      return hit as Promise<T>;
    }
    const pending = count();
    counts.set(key, pending);
    pending.catch(() => {
      if (counts.get(key) === pending) counts.delete(key);
    });
    while (counts.size > CACHED_COUNTS) counts.delete(counts.keys().next().value!);
    return pending;
  }

  /** The run of `counted` for this definition and `what` if one was started on this generation (and not dropped). */
  countedBefore<T>(db: Database, definition: CohortCriteria, what: string): Promise<T> | undefined {
    return this.#generations.get(db)?.counts.get(countsKey(definition, what)) as Promise<T> | undefined;
  }

  #generation(db: Database): Generation {
    let generation = this.#generations.get(db);
    if (!generation) {
      generation = { index: loadPersonIndex(db), sets: new Map(), counts: new Map() };
      this.#generations.set(db, generation);
      // A failed read is not kept: the next request tries again.
      generation.index.catch(() => this.#generations.delete(db));
    }
    return generation;
  }

  /** Least recently used first out; a query that fails is not kept. */
  #cached(db: Database, generation: Generation, key: string, build: () => CohortSql): Promise<MemberSet> {
    const { sets } = generation;
    const hit = sets.get(key);
    if (hit) {
      sets.delete(key);
      sets.set(key, hit);
      return hit;
    }
    const pending = generation.index.then((index) => queryMembers(db, index, build()));
    sets.set(key, pending);
    pending.catch(() => {
      if (sets.get(key) === pending) sets.delete(key);
    });
    while (sets.size > this.maxCachedSets) sets.delete(sets.keys().next().value!);
    return pending;
  }
}

/** One definition's members (criteria, index date, the caller's rows) and what is counted about them. */
function countsKey(definition: CohortCriteria, what: string): string {
  return JSON.stringify([what, definition.criteria, definition.indexDate ?? null, definition.restriction ?? null]);
}

/** The people of core.person by row number, with their record keys computed from the pseudonym as the load does. */
function loadPersonIndex(db: Database): Promise<GenerationIndex> {
  return db.dialect.name === 'duckdb' ? loadRowidIndex(db) : loadNumberedIndex(db);
}

/** DuckDB: row numbers are core.person's rowid. */
async function loadRowidIndex(db: Database): Promise<GenerationIndex> {
  const [{ rows }] = await db.query<{ rows: number }>('SELECT coalesce(max(rowid) + 1, 0)::BIGINT AS rows FROM core.person');
  const keys = new Uint32Array(rows);
  let present: number[] = [];
  await db.withConnection(async (connection) => {
    const reader = await connection.runAndReadAll(`SELECT rowid::INTEGER AS r, ${recordKeySql('person_id')}::UINTEGER AS k FROM core.person`);
    const [rowids, recordKeys] = reader.getColumnsJS() as [number[], number[]];
    rowids.forEach((r, i) => (keys[r] = recordKeys[i]!));
    present = rowids;
  });
  return { rows: Number(rows), keys, everyone: MemberSet.fromRows(Number(rows), present), rowNumberSql: (alias) => `${alias}.rowid` };
}

/** The members of a cohort query as one 32-bit word per 32 row numbers of core.person that hold any. */
async function queryMembers(db: Database, index: GenerationIndex, cohort: CohortSql): Promise<MemberSet> {
  if (db.dialect.name !== 'duckdb') return queryNumberedMembers(db, index.rows, cohort);
  const row = index.rowNumberSql!('p');
  const words = await db.query<{ word: number; bits: number }>(
    `SELECT (${row} // 32)::INTEGER AS word, bit_or(1::BIGINT << (${row} % 32)::BIGINT)::BIGINT AS bits
     FROM core.person AS p WHERE p.person_id IN (SELECT person_id FROM (${cohort.sql}) AS cohort) GROUP BY 1`,
    cohort.values,
  );
  return MemberSet.fromWords(index.rows, words);
}
