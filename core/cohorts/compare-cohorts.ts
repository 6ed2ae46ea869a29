// Compares two cohorts characteristic by characteristic: the share of each cohort with it and the
// difference with a 95% CI (Newcombe 1998 method 10, core/stats/difference-ci.ts). Works only from
// the published characterizations (perturbed, or exact with suppression), so a cell hidden in
// either cohort stays hidden and the intervals come from the published counts.
import { recordKeySql } from '../disclosure/cell-key.ts';
import { suppressCells, type DisclosedCount, type SuppressionReason } from '../disclosure/index.ts';
import { newcombeDifferenceInterval } from '../stats/index.ts';
import type { Database, SqlValue } from '../warehouse/database.ts';
import { buildCohortSql, shiftParameters } from './build-cohort-sql.ts';
import { countDisclosure, type DisclosedRow } from './cohort-disclosure.ts';
import { PEOPLE_KEY_SQL, type CohortCriteria } from './cohort-query.ts';
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

export async function compareCohorts(db: Database, a: Definition, b: Definition, options: { exactCounts?: boolean } = {}): Promise<Comparison> {
  const [left, right, overlap] = await Promise.all([
    characterizeCohort(db, a, { details: false, exactCounts: options.exactCounts }),
    characterizeCohort(db, b, { details: false, exactCounts: options.exactCounts }),
    options.exactCounts ? exactOverlapOf(db, a, b) : perturbedOverlapOf(db, a, b),
  ]);
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
async function perturbedOverlapOf(db: Database, a: Definition, b: Definition): Promise<Comparison['overlap']> {
  const sqlA = buildCohortSql(a);
  const sqlB = buildCohortSql(b);
  const [row] = await db.query<{ n: number; key: number }>(
    `WITH a AS (${sqlA.sql}), b AS (${shiftParameters(sqlB.sql, sqlA.values.length)})
     SELECT count(*)::BIGINT AS n, ${PEOPLE_KEY_SQL} AS key
     FROM (SELECT p.person_id, ${recordKeySql('p.person_id')} AS record_key FROM core.person AS p
           WHERE p.person_id IN (SELECT person_id FROM a) AND p.person_id IN (SELECT person_id FROM b))`,
    [...sqlA.values, ...sqlB.values],
  );
  return countDisclosure().size({ count: row!.n, key: Number(row!.key) });
}

/**
 * Exact counts: people in both cohorts, published as one cell of the 2×2 table (in A) × (in B) over everyone in
 * the warehouse, whose margins (the two sizes, the population) are published elsewhere: so a small
 * "A but not B" cannot be worked out as size A minus the overlap.
 */
async function exactOverlapOf(db: Database, a: Definition, b: Definition): Promise<Comparison['overlap']> {
  const sqlA = buildCohortSql(a);
  const sqlB = buildCohortSql(b);
  const values: SqlValue[] = [...sqlA.values, ...sqlB.values];
  const rows = await db.query<{ in_a: boolean; in_b: boolean; n: number }>(
    `WITH a AS (${sqlA.sql}), b AS (${shiftParameters(sqlB.sql, sqlA.values.length)})
     SELECT p.person_id IN (SELECT person_id FROM a) AS in_a, p.person_id IN (SELECT person_id FROM b) AS in_b, count(*)::BIGINT AS n
     FROM core.person AS p GROUP BY ALL`,
    values,
  );
  const count = (inA: boolean, inB: boolean) => rows.find((r) => r.in_a === inA && r.in_b === inB)?.n ?? 0;
  const cells = [true, false].flatMap((inA) =>
    [true, false].map((inB) => ({ inA: String(inA), inB: String(inB), numeratorPeople: count(inA, inB), denominatorPeople: count(inA, inB) })),
  );
  const both = suppressCells(cells, { keys: ['inA', 'inB'] })[0]!;
  return both.suppressed ? { value: null, suppressed: true, suppressionReason: both.suppressionReason } : { value: both.numeratorPeople, suppressed: false };
}
