// Admission of a cohort against its user's ledger (cohort-ledger.ts), before anything about it is
// computed for publication: refused when its members differ from those of an earlier cohort of
// the same user by 1–10 people (the exact symmetric difference), admitted and recorded otherwise.
// Identical member sets are fine. Decisions for one principal are taken one at a time, so two near
// cohorts asked for at once cannot both pass before either is recorded.
import { CMS_MINIMUM_CELL_SIZE } from '../disclosure/index.ts';
import type { Database } from '../warehouse/database.ts';
import { warehouseMeta } from '../warehouse/warehouse-facts.ts';
import type { KeyedCount } from './cohort-disclosure.ts';
import { ledgerKey, type CohortLedger, type LedgerCohort, type LedgerTier, type Principal } from './cohort-ledger.ts';
import { CohortMembers } from './cohort-members.ts';
import type { CohortCriteria } from './cohort-query.ts';
import type { MemberSet } from './member-set.ts';
import { previewDefinitionSchema } from './cohort-schema.ts';

/** Two cohorts of one user may differ by no one or by 11 or more people: never by 1–10. */
export const LEDGER_DISTANCE = CMS_MINIMUM_CELL_SIZE - 1;

export interface CohortToAdmit {
  definition: CohortCriteria;
  /** The saved cohort's name, or the definition's; null when it has none. The ledger keeps the first name a definition came with. */
  name: string | null;
}

/** Admitted: the cohort's true size and key residue (for disclosure control, never published as is). Refused: the earlier cohort. */
export type Admission = { admitted: true; people: KeyedCount } | { admitted: false; earlier: { name: string | null } };

/**
 * A draft's estimate: the true size and key residue whose rounded, perturbed size is published: the
 * draft's own, or, when it lies 1–10 people from an earlier cohort of the user, that cohort's (so two
 * near drafts always show the same estimate, whatever the rounding).
 */
export interface DraftEstimate {
  people: KeyedCount;
  /** Whose size it is: the draft's own, or that of the earlier cohort 1–10 people away. */
  of: 'draft' | 'earlier';
}

export class CohortAdmission {
  readonly #queues = new Map<Principal, Promise<unknown>>();

  constructor(
    private readonly ledger: CohortLedger,
    /** Members of the cohorts judged, kept per warehouse generation: what is computed for an admitted cohort reads them again. */
    readonly members: CohortMembers = new CohortMembers(),
  ) {}

  /** A cohort to release (its perturbed size, a save, a characterization…): judged against the user's released cohorts only. */
  admit(db: Database, principal: Principal, cohort: CohortToAdmit): Promise<Admission> {
    return this.#oneAtATime(principal, () => this.#decide(db, principal, cohort));
  }

  /** A draft of the live builder: judged against all the user's cohorts, drafts included; never refused. */
  estimate(db: Database, principal: Principal, cohort: CohortToAdmit): Promise<DraftEstimate> {
    return this.#oneAtATime(principal, () => this.#estimate(db, principal, cohort));
  }

  /** The true size and key residue of a cohort without judging it (exact counts: a trusted environment keeps no ledger). */
  async measure(db: Database, definition: CohortCriteria): Promise<KeyedCount> {
    const { count, key } = await this.members.sized(db, definition);
    return { count, key };
  }

  #oneAtATime<T>(principal: Principal, work: () => Promise<T>): Promise<T> {
    const run = (this.#queues.get(principal) ?? Promise.resolve()).then(work);
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
    const { dataVersion, sized, known, near } = await this.#compare(db, principal, cohort, false);
    if (near) return { admitted: false, earlier: { name: near.cohort.name } };
    // A repeat of a recorded cohort writes nothing (a measure filtered by a cohort is asked for often).
    const unchanged = known && known.size === sized.count && known.dataVersion === dataVersion && known.tier === 'released' && (cohort.name === null || known.name !== null);
    if (!unchanged) await this.#record(principal, cohort, sized.count, dataVersion, 'released');
    return { admitted: true, people: { count: sized.count, key: sized.key } };
  }

  async #estimate(db: Database, principal: Principal, cohort: CohortToAdmit): Promise<DraftEstimate> {
    const { dataVersion, sized, known, near } = await this.#compare(db, principal, cohort, true);
    const own = { people: { count: sized.count, key: sized.key }, of: 'draft' } as const;
    // Asked before on this data: its own answer again, which says nothing new.
    if (known && known.dataVersion === dataVersion && known.size === sized.count) return own;
    // Near an earlier one: its estimate, and nothing recorded (the draft adds no answer of its own).
    if (near) return { people: { count: near.members.size, key: near.members.keySum(await this.members.keys(db)) }, of: 'earlier' };
    await this.#record(principal, cohort, sized.count, dataVersion, 'draft');
    return own;
  }

  async #record(principal: Principal, cohort: CohortToAdmit, size: number, dataVersion: string, tier: LedgerTier): Promise<void> {
    await this.ledger.record(principal, { definition: { criteria: cohort.definition.criteria, indexDate: cohort.definition.indexDate }, name: cohort.name, size, dataVersion, tier });
  }

  /** The cohort's members, its own ledger entry if any, and the first earlier cohort (in the ledger's order) 1–10 people from it. */
  async #compare(db: Database, principal: Principal, cohort: CohortToAdmit, withDrafts: boolean) {
    // At once: on a server just started, the facts may still be computing while the members are read.
    const [{ dataVersion }, sized] = await Promise.all([warehouseMeta(db), this.members.sized(db, cohort.definition)]);
    const key = ledgerKey(cohort.definition);
    let known: LedgerCohort | undefined;
    let near: { cohort: LedgerCohort; members: MemberSet } | undefined;
    // The ledger keeps definitions; they are sized and compared within the rows the caller may read now.
    const withinRestriction = (earlier: LedgerCohort): LedgerCohort => ({ ...earlier, definition: { ...earlier.definition, restriction: cohort.definition.restriction } });
    for (const candidate of await this.ledger.candidates(principal, sized.count, LEDGER_DISTANCE, dataVersion, withDrafts)) {
      const earlier = withinRestriction(candidate);
      if (ledgerKey(earlier.definition) === key) {
        known = earlier;
        continue;
      }
      // A definition the language no longer accepts (e.g. a removed condition group) cannot run, nor be asked for again.
      if (!previewDefinitionSchema.safeParse(candidate.definition).success) continue;
      const theirs = await this.members.of(db, earlier.definition);
      if (earlier.dataVersion !== dataVersion) {
        // Sized on other data: its members may have changed with the load.
        await this.ledger.record(principal, { ...candidate, size: theirs.size, dataVersion });
        if (Math.abs(theirs.size - sized.count) > LEDGER_DISTANCE) continue;
      }
      // |A Δ B|, exact, stopping early past the distance: in memory, no SQL.
      const difference = sized.members.symmetricDifference(theirs, LEDGER_DISTANCE);
      if (!near && difference > 0 && difference <= LEDGER_DISTANCE) near = { cohort: earlier, members: theirs };
    }
    return { dataVersion, sized, known, near };
  }
}
