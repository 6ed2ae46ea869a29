// A cohort definition's members as a MemberSet: each leaf criterion (a condition, a lab, an age, a
// payer…) is one SQL query (build-cohort-sql.ts), kept per warehouse generation, and all / any / not
// and the caller's row restriction are combined in memory. A builder session changes one criterion
// at a time, so a new definition mostly reuses the leaves of the ones before it, and the ledger
// compares cohorts without SQL. It must never answer for a generation other than the one asked.
// With a GenerationStore (DuckDB), what `keep` is asked to keep for a definition (the person index,
// its leaves, its counts) is written there under the generation's identity (generation-id.ts) and
// read back by any later process on the same generation before anything is computed.
import { recordKeySql } from '../disclosure/cell-key.ts';
import type { Database } from '../warehouse/database.ts';
import { remembered } from '../warehouse/per-database.ts';
import { buildCohortSql, buildVisiblePeopleSql, type CohortSql } from './build-cohort-sql.ts';
import type { CohortCriteria } from './cohort-query.ts';
import type { Criterion } from './cohort-schema.ts';
import { generationIdOf } from './generation-id.ts';
import type { GenerationStore } from './generation-store.ts';
import { KeptGeneration } from './kept-generation.ts';
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
  /** Where this generation's work is kept, when it is (a store was given, and the warehouse has an identity). */
  kept: Promise<KeptGeneration | undefined>;
  index: Promise<GenerationIndex>;
  sets: Map<string, Promise<MemberSet>>;
  /** By definition key and what was counted (countsKey). */
  counts: Map<string, Promise<unknown>>;
  /** The counts kept for a definition (read once), by definition key. */
  keptCounts: Map<string, Promise<Record<string, unknown> | undefined>>;
  /** Definitions kept by this process, by definition key. */
  prepared: Set<string>;
  indexKept?: Promise<void>;
}

export interface CohortMembersOptions {
  /** Leaf answers kept in memory per generation. */
  maxCachedSets?: number;
  /** Where each generation's kept work lives between processes (server/state/cohort-cache-folder.ts); none: memory only. */
  store?: GenerationStore;
}

export class CohortMembers {
  // A new load opens a new Database (server/warehouse/live-warehouse.ts): its answers start afresh.
  readonly #generations = new WeakMap<Database, Generation>();
  readonly #maxCachedSets: number;
  readonly #store: GenerationStore | undefined;

  constructor({ maxCachedSets = DEFAULT_CACHED_SETS, store }: CohortMembersOptions = {}) {
    this.#maxCachedSets = maxCachedSets;
    this.#store = store;
  }

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
      return this.#leaf(db, generation, criterion, definition.indexDate);
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
    const generation = this.#generation(db);
    const { counts } = generation;
    const key = countsKey(definition, what);
    const hit = counts.get(key);
    if (hit) {
      counts.delete(key);
      counts.set(key, hit);
      return hit as Promise<T>;
    }
    // Kept by an earlier process on this generation: read, not counted again.
    const pending = this.#keptCounts(generation, definition).then((kept) => (kept && what in kept ? (kept[what] as T) : count()));
    counts.set(key, pending);
    pending.catch(() => {
      if (counts.get(key) === pending) counts.delete(key);
    });
    while (counts.size > CACHED_COUNTS) counts.delete(counts.keys().next().value!);
    return pending;
  }

  /** The run of `counted` for this definition and `what` if one was started on this generation (and not dropped), or the kept counts; else undefined. */
  async countedBefore<T>(db: Database, definition: CohortCriteria, what: string): Promise<T | undefined> {
    const generation = this.#generation(db);
    const running = generation.counts.get(countsKey(definition, what));
    if (running) return running as Promise<T>;
    const kept = await this.#keptCounts(generation, definition);
    return kept && what in kept ? this.counted(db, definition, what, async () => kept[what] as T) : undefined;
  }

  /**
   * Writes what this generation knows of `definition` (its leaves' members, the person index, every count
   * `counted` holds for it) to the store, for any later process on the same generation; then the
   * definition is prepared. Without a store (or on PostgreSQL) it is prepared in memory only.
   */
  async keep(db: Database, definition: CohortCriteria): Promise<void> {
    const generation = this.#generation(db);
    const kept = await generation.kept;
    const key = definitionKey(definition);
    if (kept) {
      const index = await generation.index;
      generation.indexKept ??= kept.writeIndex(index);
      await generation.indexKept.catch((error: unknown) => {
        generation.indexKept = undefined;
        throw error;
      });
      for (const criterion of leavesOf(definition.criteria)) {
        const members = await this.#leaf(db, generation, criterion, definition.indexDate);
        await kept.writeMemberSet(leafEntry(this.#leafSql(db, criterion, definition.indexDate)), members);
      }
      const prefix = `${key}\n`;
      const counts: Record<string, unknown> = {};
      for (const [countKey, value] of generation.counts) if (countKey.startsWith(prefix)) counts[countKey.slice(prefix.length)] = await value;
      await kept.writeCounts(key, counts);
    }
    generation.prepared.add(key);
  }

  /** Whether `keep` has kept this definition on this generation (in this process, or kept on disk by an earlier one). */
  async isKept(db: Database, definition: CohortCriteria): Promise<boolean> {
    const generation = this.#generation(db);
    return generation.prepared.has(definitionKey(definition)) || (await this.#keptCounts(generation, definition)) !== undefined;
  }

  #keptCounts(generation: Generation, definition: CohortCriteria): Promise<Record<string, unknown> | undefined> {
    // Only definitions without a row restriction are ever kept (what a preparation computes).
    if (definition.restriction) return Promise.resolve(undefined);
    const key = definitionKey(definition);
    return remembered(generation.keptCounts, key, () => generation.kept.then((kept) => kept?.counts(key)).catch(() => undefined));
  }

  #generation(db: Database): Generation {
    let generation = this.#generations.get(db);
    if (!generation) {
      const kept = this.#keptGeneration(db);
      generation = { kept, index: keptOrLoadedIndex(db, kept), sets: new Map(), counts: new Map(), keptCounts: new Map(), prepared: new Set() };
      this.#generations.set(db, generation);
      // A failed read is not kept: the next request tries again.
      generation.index.catch(() => this.#generations.delete(db));
    }
    return generation;
  }

  #keptGeneration(db: Database): Promise<KeptGeneration | undefined> {
    const store = this.#store;
    if (!store || db.dialect.name !== 'duckdb') return Promise.resolve(undefined);
    // A warehouse without an identity (no load record) is computed in memory, as without a store.
    return generationIdOf(db).then((id) => (id ? new KeptGeneration(store, id) : undefined)).catch(() => undefined);
  }

  /** One leaf criterion's members: the index date decides ages, coverage and "alive", so it is part of a leaf's identity. */
  #leaf(db: Database, generation: Generation, criterion: Criterion, indexDate: string | undefined): Promise<MemberSet> {
    const leaf = { criteria: criterion, indexDate };
    return this.#cached(db, generation, JSON.stringify(['leaf', leaf]), () => this.#leafSql(db, criterion, indexDate), true);
  }

  #leafSql(db: Database, criterion: Criterion, indexDate: string | undefined): CohortSql {
    return buildCohortSql({ criteria: criterion, indexDate }, undefined, db.dialect, 'members', personKeyOf(db.dialect));
  }

  /** Least recently used first out; a query that fails is not kept. A `keepable` set is read from the kept generation when it is there. */
  #cached(db: Database, generation: Generation, key: string, build: () => CohortSql, keepable = false): Promise<MemberSet> {
    const { sets } = generation;
    const hit = sets.get(key);
    if (hit) {
      sets.delete(key);
      sets.set(key, hit);
      return hit;
    }
    const pending = generation.index.then(async (index) => {
      const cohort = build();
      const kept = keepable ? await generation.kept : undefined;
      const read = kept && (await kept.memberSet(leafEntry(cohort), index.rows).catch(() => undefined));
      return read ?? queryMembers(db, index, cohort);
    });
    sets.set(key, pending);
    pending.catch(() => {
      if (sets.get(key) === pending) sets.delete(key);
    });
    while (sets.size > this.#maxCachedSets) sets.delete(sets.keys().next().value!);
    return pending;
  }
}

/** One definition: its criteria, index date and the caller's rows. */
function definitionKey(definition: CohortCriteria): string {
  return JSON.stringify([definition.criteria, definition.indexDate ?? null, definition.restriction ?? null]);
}

/** What is counted about one definition's members (a definition key holds no line break: JSON escapes it). */
function countsKey(definition: CohortCriteria, what: string): string {
  return `${definitionKey(definition)}\n${what}`;
}

/** A leaf's kept members are named by the SQL that selects them and its bound values. */
const leafEntry = (cohort: CohortSql) => JSON.stringify([cohort.sql, cohort.values]);

/** The leaf criteria of a definition, as `of` evaluates them. */
function leavesOf(criterion: Criterion): Criterion[] {
  if ('all' in criterion) return criterion.all.flatMap(leavesOf);
  if ('any' in criterion) return criterion.any.flatMap(leavesOf);
  if ('not' in criterion) return leavesOf(criterion.not);
  return [criterion];
}

/** DuckDB's row number of a person: core.person's rowid. */
const rowidOf = (alias: string) => `${alias}.rowid`;

/** The generation's person index as kept by an earlier process, else read from core.person. */
async function keptOrLoadedIndex(db: Database, kept: Promise<KeptGeneration | undefined>): Promise<GenerationIndex> {
  const index = await (await kept)?.index().catch(() => undefined);
  return index ? { ...index, rowNumberSql: rowidOf } : loadPersonIndex(db);
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
  return { rows: Number(rows), keys, everyone: MemberSet.fromRows(Number(rows), present), rowNumberSql: rowidOf };
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
