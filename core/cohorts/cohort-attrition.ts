// The attrition of a definition: the cohorts its top-level `all` builds up, one criterion at a time
// (ATLAS's "inclusion rule" report). Pure: each step is a cohort of its own, which the caller must
// pass through the cohort ledger and disclosure control exactly as a preview, and never publish a
// step's size otherwise.
import type { CohortCriteria } from './cohort-query.ts';
import type { Criterion } from './cohort-schema.ts';

export interface AttritionStep {
  /** 1-based: the people who meet criteria 1…step of the top-level `all`. */
  step: number;
  /** The criterion this step adds. */
  adds: Criterion;
  /** The step's own definition: the first criterion alone, then `all` of the prefix; the last is the whole definition. */
  definition: CohortCriteria;
}

/** One step per criterion of a top-level `all`; any other definition is a single step. */
export function attritionSteps(definition: CohortCriteria): AttritionStep[] {
  const { criteria } = definition;
  if (!('all' in criteria) || criteria.all.length === 1) return [{ step: 1, adds: criteria, definition }];
  return criteria.all.map((adds, i) => ({
    step: i + 1,
    adds,
    // The first step is written as its criterion alone, as a preview of it would be: the ledger then knows it as one cohort.
    definition: { ...definition, criteria: i === 0 ? adds : i === criteria.all.length - 1 ? criteria : { all: criteria.all.slice(0, i + 1) } },
  }));
}
