// A cohort's cost per member per month over the latest year of the yearly person rows, with a
// delta-method CI: the catalog's cost-pmpm measure restricted to the members, published as a
// measure cell is (perturb-cell.ts: member count perturbed, cost and member-months scaled with it,
// magnitude noise and the dominance rule), or exactly under the exact-counts setting.
import { suppressCount, type DisclosedCount } from '../disclosure/index.ts';
import { requireMeasure } from '../measures/catalog.ts';
import type { RatioMeasure } from '../measures/measure-definition.ts';
import { perturbCell, type KeyedCell } from '../measures/perturb-cell.ts';
import { estimate } from '../measures/rate-cells.ts';
import { ratioInterval } from '../stats/index.ts';
import type { ProfileSource } from './profile-source.ts';

export interface CostPmpm {
  year: string | null;
  members: DisclosedCount;
  pmpm: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Only when the cost is hidden although the members are shown: one member holds most of it. */
  suppressionReason?: 'dominance';
}

const COST_PMPM = requireMeasure('cost-pmpm') as RatioMeasure;

/** `source`: the cohort's members on their engine (profile-source.ts). */
export async function cohortCost(source: ProfileSource, options: { exactCounts?: boolean } = {}): Promise<CostPmpm> {
  const r = await source.cost();
  const none = (members: DisclosedCount): CostPmpm => ({ year: r.year, members, pmpm: null, ciLow: null, ciHigh: null });
  if (options.exactCounts) {
    const members = suppressCount(r.n);
    if (members.suppressed || r.n === 0) return none(members);
    const ci = ratioInterval({ n: r.n, sumY: r.y, sumX: r.x, sumYY: r.yy, sumXX: r.xx, sumXY: r.xy });
    return { year: r.year, members, pmpm: ci.ratio, ciLow: ci.low, ciHigh: ci.high };
  }
  const cell: KeyedCell = {
    numerator: r.y, denominator: r.x, numeratorPeople: r.numerator_people, denominatorPeople: r.n,
    numeratorKey: Number(r.numerator_key), denominatorKey: Number(r.denominator_key),
    sumYY: r.yy, sumXX: r.xx, sumXY: r.xy, n: r.n, maxValue: r.max_value,
  };
  const published = perturbCell(COST_PMPM, cell);
  const members = suppressCount(published.denominatorPeople);
  if (members.suppressed || published.denominatorPeople === 0) return none(members);
  if (published.dominated) return { ...none(members), suppressionReason: 'dominance' };
  // From the published sums, as a measure's estimate is.
  const { rate, ciLow, ciHigh } = estimate(COST_PMPM, published);
  return { year: r.year, members, pmpm: rate, ciLow, ciHigh };
}
