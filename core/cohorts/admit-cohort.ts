// Admission of a cohort against its user's ledger (cohort-ledger.ts), before anything about it is
// computed for publication: refused when its members differ from those of an earlier cohort of
// the same user by 1–10 people (the exact symmetric difference), admitted and recorded otherwise.
// Identical member sets are fine. Decisions for one principal are taken one at a time, so two near
// cohorts asked for at once cannot both pass before either is recorded.
import { CMS_MINIMUM_CELL_SIZE } from '../disclosure/index.ts';
import type { Database } from '../warehouse/database.ts';
import { warehouseMeta } from '../warehouse/warehouse-facts.ts';
import { buildCohortSql, shiftParameters } from './build-cohort-sql.ts';
import { ledgerKey, type CohortLedger, type LedgerCohort, type Principal } from './cohort-ledger.ts';
import type { CohortCriteria } from './cohort-query.ts';
import { previewDefinitionSchema } from './cohort-schema.ts';

/** Two cohorts of one user may differ by no one or by 11 or more people: never by 1–10. */
export const LEDGER_DISTANCE = CMS_MINIMUM_CELL_SIZE - 1;

export interface CohortToAdmit {
  definition: CohortCriteria;
  /** The saved cohort's name, or the definition's; null when it has none. The ledger keeps the first name a definition came with. */
  name: string | null;
}

export type Admission = { admitted: true } | { admitted: false; earlier: { name: string | null } };

export class CohortAdmission {
  readonly #queues = new Map<Principal, Promise<unknown>>();

  constructor(private readonly ledger: CohortLedger) {}

  admit(db: Database, principal: Principal, cohort: CohortToAdmit): Promise<Admission> {
    const run = (this.#queues.get(principal) ?? Promise.resolve()).then(() => this.#decide(db, principal, cohort));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(principal, tail);
    void tail.then(() => {
      if (this.#queues.get(principal) === tail) this.#queues.delete(principal);
    });
    return run;
  }

  async #decide(db: Database, principal: Principal, cohort: CohortToAdmit): Promise<Admission> {
    const { dataVersion } = await warehouseMeta(db);
    const size = await exactSize(db, cohort.definition);
    const key = ledgerKey(cohort.definition);
    let known: LedgerCohort | undefined;
    // The ledger keeps definitions; they are sized and compared within the rows the caller may read now.
    const withinRestriction = (earlier: LedgerCohort): LedgerCohort => ({ ...earlier, definition: { ...earlier.definition, restriction: cohort.definition.restriction } });
    const toCompare: LedgerCohort[] = [];
    for (const candidate of await this.ledger.candidates(principal, size, LEDGER_DISTANCE, dataVersion)) {
      const earlier = withinRestriction(candidate);
      if (ledgerKey(earlier.definition) === key) {
        known = earlier;
        continue;
      }
      // A definition the language no longer accepts (e.g. a removed condition group) cannot run, nor be asked for again.
      if (!previewDefinitionSchema.safeParse(candidate.definition).success) continue;
      if (earlier.dataVersion !== dataVersion) {
        // Sized on other data: its members may have changed with the load.
        const resized = { ...candidate, size: await exactSize(db, earlier.definition), dataVersion };
        await this.ledger.record(principal, resized);
        if (Math.abs(resized.size - size) > LEDGER_DISTANCE) continue;
      }
      toCompare.push(earlier);
    }
    // The first near one in the ledger's order names the refusal, as when they were compared one by one.
    const differences = await symmetricDifferences(db, cohort.definition, size, toCompare.map((earlier) => earlier.definition));
    const near = toCompare.find((_, i) => differences[i]! > 0 && differences[i]! <= LEDGER_DISTANCE);
    if (near) return { admitted: false, earlier: { name: near.name } };
    // A repeat of a recorded cohort writes nothing (a measure filtered by a cohort is asked for often).
    const unchanged = known && known.size === size && known.dataVersion === dataVersion && (cohort.name === null || known.name !== null);
    if (!unchanged) await this.ledger.record(principal, { definition: { criteria: cohort.definition.criteria, indexDate: cohort.definition.indexDate }, name: cohort.name, size, dataVersion });
    return { admitted: true };
  }
}

/** The exact number of members: for the ledger only, never published. */
async function exactSize(db: Database, definition: CohortCriteria): Promise<number> {
  const cohort = buildCohortSql(definition, undefined, db.dialect);
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM (${cohort.sql}) AS members`, cohort.values);
  return Number(row!.n);
}

/** How many earlier cohorts one query compares the new one with (its SQL holds each of their definitions). */
const COMPARED_PER_QUERY = 16;

/**
 * |A Δ B| for each B: people in exactly one of the two cohorts, as |A| + |B| − 2 |A ∩ B| (a cohort's
 * SQL returns each member once). A's members are computed once per query and every B of the chunk is
 * counted against them: one query for up to COMPARED_PER_QUERY earlier cohorts instead of two set
 * differences each, which is what a live preview against a long ledger costs.
 */
async function symmetricDifferences(db: Database, a: CohortCriteria, sizeA: number, others: readonly CohortCriteria[]): Promise<number[]> {
  const differences: number[] = [];
  for (let start = 0; start < others.length; start += COMPARED_PER_QUERY) {
    const chunk = others.slice(start, start + COMPARED_PER_QUERY);
    const sqlA = buildCohortSql(a, undefined, db.dialect);
    const values = [...sqlA.values];
    const ctes = [`a AS MATERIALIZED (${sqlA.sql})`];
    const columns: string[] = [];
    chunk.forEach((b, j) => {
      const sqlB = buildCohortSql(b, undefined, db.dialect);
      ctes.push(`b${j} AS (${shiftParameters(sqlB.sql, values.length)})`);
      values.push(...sqlB.values);
      columns.push(`(SELECT count(*) FROM b${j})::BIGINT AS size${j}`, `(SELECT count(*) FROM b${j} WHERE person_id IN (SELECT person_id FROM a))::BIGINT AS both${j}`);
    });
    const [row] = await db.query<Record<string, number>>(`WITH ${ctes.join(',\n')}\nSELECT ${columns.join(', ')}`, values);
    chunk.forEach((_, j) => differences.push(sizeA + Number(row![`size${j}`]) - 2 * Number(row![`both${j}`])));
  }
  return differences;
}
