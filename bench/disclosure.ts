// Section 7, disclosure: what the cell key method's perturbation does to the published rates, on
// the bench's warehouse. Every measure with a confidence interval, yearly, for the whole population
// and by each stratifier: each cell's rate from its true counts and from its published (perturbed)
// counts, both by the API's own formulas (rate-cells.ts). For cells of MIN_PEOPLE or more, the change
// is set against the true rate's 95% CI half-width; issue 13 asks that its mean stay under a quarter.
// Cells the API hides (a published count of 1–10, the dominance rule) publish no rate and are left out.
import { isSmallCount, resolvePolicy } from '../core/disclosure/index.ts';
import { MEASURES } from '../core/measures/catalog.ts';
import { DIMENSION_NAMES, type Dimension } from '../core/measures/dimensions.ts';
import { perturbCell } from '../core/measures/perturb-cell.ts';
import { estimate } from '../core/measures/rate-cells.ts';
import { trueCells } from '../core/measures/run-measure.ts';
import type { Database } from '../core/warehouse/database.ts';
import type { BenchContext } from './context.ts';

/** Cells judged: at least this many people in the denominator (issue 13's acceptance). */
export const MIN_PEOPLE = 1_000;

export interface ChangeSummary {
  cells: number;
  /** Mean over cells of |published rate − true rate| / (95% CI half-width). */
  meanRatio: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface DisclosureBench {
  minPeople: number;
  all: ChangeSummary;
  byKind: { kind: string; summary: ChangeSummary }[];
  /** Share of cells whose change falls in each bucket of the ratio (upper bounds). */
  histogram: { upTo: number; share: number }[];
  seconds: number;
}

const BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, Infinity];

export async function benchDisclosure(ctx: BenchContext, db: Database): Promise<DisclosureBench> {
  const started = Date.now();
  const ratios: { kind: string; ratio: number }[] = [];
  const measures = MEASURES.filter((m) => m.kind !== 'top-share');
  const policy = resolvePolicy();
  for (const measure of measures) {
    const stratifiers = [undefined, ...DIMENSION_NAMES.filter((d) => !measure.stratifiers || measure.stratifiers.includes(d))];
    for (const by of stratifiers) {
      const cells = await trueCells(db, { measure, period: 'year', by: by ? [by as Dimension] : [], filters: {} });
      for (const cell of cells) {
        if (cell.denominatorPeople < MIN_PEOPLE) continue;
        const publishedCell = perturbCell(measure, cell);
        // A hidden cell publishes no rate, so perturbation changes none.
        if (publishedCell.dominated || isSmallCount(publishedCell.numeratorPeople, policy) || isSmallCount(publishedCell.denominatorPeople, policy)) continue;
        const truth = estimate(measure, cell);
        const published = estimate(measure, publishedCell);
        if (truth.rate === null || published.rate === null || truth.ciLow === null || truth.ciHigh === null) continue;
        const halfWidth = (truth.ciHigh - truth.ciLow) / 2;
        if (!(halfWidth > 0)) continue;
        ratios.push({ kind: measure.kind, ratio: Math.abs(published.rate - truth.rate) / halfWidth });
      }
    }
  }
  ctx.log(`disclosure: ${ratios.length.toLocaleString('en-US')} cells of ${MIN_PEOPLE.toLocaleString('en-US')}+ people over ${measures.length} measures`);
  const kinds = [...new Set(ratios.map((r) => r.kind))];
  return {
    minPeople: MIN_PEOPLE,
    all: summarize(ratios.map((r) => r.ratio)),
    byKind: kinds.map((kind) => ({ kind, summary: summarize(ratios.filter((r) => r.kind === kind).map((r) => r.ratio)) })),
    histogram: BUCKETS.map((upTo, i) => ({
      upTo,
      share: ratios.filter((r) => r.ratio <= upTo && (i === 0 || r.ratio > BUCKETS[i - 1]!)).length / Math.max(1, ratios.length),
    })),
    seconds: (Date.now() - started) / 1000,
  };
}

function summarize(values: number[]): ChangeSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
  return {
    cells: sorted.length,
    meanRatio: sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : 0,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted.at(-1) ?? 0,
  };
}
