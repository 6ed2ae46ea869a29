// Compares two cohorts characteristic by characteristic: the share of each cohort with it and the
// difference with a 95% CI (Newcombe 1998 method 10, core/stats/difference-ci.ts). Works only from
// the published characterizations (perturbed, or exact with suppression), so a cell hidden in
// either cohort stays hidden and the intervals come from the published counts.
import { suppressCells, type DisclosedCount, type SuppressionReason } from '../disclosure/index.ts';
import { newcombeDifferenceInterval } from '../stats/index.ts';
import type { Database } from '../warehouse/database.ts';
import { countDisclosure, type DisclosedRow } from './cohort-disclosure.ts';
import { CohortMembers } from './cohort-members.ts';
import type { CohortCriteria } from './cohort-query.ts';
import type { MemberSet } from './member-set.ts';
import { BREAKDOWNS, characterizeCohort, type Characterization } from './characterize-cohort.ts';

type Definition = CohortCriteria;

export interface ComparisonRow {
  characteristic: 'ageBand' | 'sex' | 'race' | 'conditionGroup';
  value: string;
  countA: number | null;
  shareA: number | null;
  countB: number | null;
  shareB: number | null;
  /** shareA − shareB, with its CI; null when either cell is suppressed. */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}

export interface Comparison {
  sizeA: DisclosedCount;
  sizeB: DisclosedCount;
  /** Members of both cohorts. */
  overlap: DisclosedCount | { value: null; suppressed: true; suppressionReason: SuppressionReason };
  rows: ComparisonRow[];
}

export async function compareCohorts(
  db: Database,
  a: Definition,
  b: Definition,
  options: { exactCounts?: boolean; members?: CohortMembers } = {},
): Promise<Comparison> {
  // Each cohort's members once (cached per warehouse generation): its breakdowns read them, and the overlap is counted in memory.
  const members = options.members ?? new CohortMembers();
  const [setA, setB, index] = await Promise.all([members.of(db, a), members.of(db, b), members.index(db)]);
  const both = { exactCounts: options.exactCounts, members, details: false };
  const [left, right] = await Promise.all([characterizeCohort(db, a, both), characterizeCohort(db, b, both)]);
  const overlap = options.exactCounts ? exactOverlapOf(setA, setB, index.everyone) : perturbedOverlapOf(setA, setB, index.keys);
  const rows: ComparisonRow[] = [];
  for (const characteristic of [...BREAKDOWNS, 'conditionGroup'] as const) {
    const sideA = cellsOf(left, characteristic);
    const sideB = cellsOf(right, characteristic);
    const values = [...new Set([...sideA.keys(), ...sideB.keys()])];
    for (const value of values) rows.push(compareCell(characteristic, value, sideA.get(value), sideB.get(value), left, right));
  }
  return { sizeA: left.size, sizeB: right.size, overlap, rows };
}

function cellsOf(c: Characterization, characteristic: ComparisonRow['characteristic']): Map<string, DisclosedRow> {
  const rows = characteristic === 'conditionGroup' ? c.conditionGroups : c.breakdowns?.[characteristic];
  return new Map((rows ?? []).map((row) => [row.value, row]));
}

function compareCell(
  characteristic: ComparisonRow['characteristic'],
  value: string,
  a: DisclosedRow | undefined,
  b: DisclosedRow | undefined,
  left: Characterization,
  right: Characterization,
): ComparisonRow {
  const shown = (row: DisclosedRow | undefined) => (row && !row.suppressed ? row : undefined);
  const [cellA, cellB] = [shown(a), shown(b)];
  const row = { characteristic, value, countA: cellA?.count ?? null, shareA: cellA?.share ?? null, countB: cellB?.count ?? null, shareB: cellB?.share ?? null };
  if (!cellA || !cellB || left.size.suppressed || right.size.suppressed) {
    return { ...row, difference: null, ciLow: null, ciHigh: null, suppressed: true };
  }
  const ci = newcombeDifferenceInterval(cellA.count, left.size.value, cellB.count, right.size.value);
  return { ...row, difference: ci.difference, ciLow: ci.low, ciHigh: ci.high, suppressed: false };
}

/** People in both cohorts, perturbed with their own key: a different set from either cohort, so independent noise. */
function perturbedOverlapOf(a: MemberSet, b: MemberSet, keys: Uint32Array): Comparison['overlap'] {
  const both = a.and(b);
  return countDisclosure().size({ count: both.size, key: both.keySum(keys) });
}

/**
 * Exact counts: people in both cohorts, published as one cell of the 2×2 table (in A) × (in B) over everyone in
 * the warehouse, whose margins (the two sizes, the population) are published elsewhere: so a small
 * "A but not B" cannot be worked out as size A minus the overlap.
 */
function exactOverlapOf(a: MemberSet, b: MemberSet, everyone: MemberSet): Comparison['overlap'] {
  const both = a.and(b).size;
  const table = { 'true|true': both, 'true|false': a.size - both, 'false|true': b.size - both, 'false|false': everyone.size - a.or(b).size };
  const cells = [true, false].flatMap((inA) =>
    [true, false].map((inB) => {
      const n = table[`${inA}|${inB}`];
      return { inA: String(inA), inB: String(inB), numeratorPeople: n, denominatorPeople: n };
    }),
  );
  const shown = suppressCells(cells, { keys: ['inA', 'inB'] })[0]!;
  return shown.suppressed ? { value: null, suppressed: true, suppressionReason: shown.suppressionReason } : { value: shown.numeratorPeople, suppressed: false };
}
