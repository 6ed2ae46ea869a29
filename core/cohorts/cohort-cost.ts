// A cohort's cost per member per month over the latest year of mart.person_period, with a
// delta-method CI: the catalog's cost-pmpm measure restricted to the members, published as a
// measure cell is (perturb-cell.ts: member count perturbed, cost and member-months scaled with it,
// magnitude noise and the dominance rule), or exactly under the exact-counts setting.
import { keySumSql } from '../disclosure/cell-key.ts';
import { suppressCount, type DisclosedCount } from '../disclosure/index.ts';
import { requireMeasure } from '../measures/catalog.ts';
import type { RatioMeasure } from '../measures/measure-definition.ts';
import { perturbCell, type KeyedCell } from '../measures/perturb-cell.ts';
import { estimate } from '../measures/rate-cells.ts';
import { ratioInterval } from '../stats/index.ts';
import type { Database } from '../warehouse/database.ts';
import type { CohortQuery } from './cohort-query.ts';

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
const LATEST_YEAR = `(SELECT max(period_start) FROM mart.person_period WHERE grain = 'year')`;

type CostRow = {
  year: string | null;
  n: number;
  numerator_people: number;
  y: number;
  x: number;
  yy: number;
  xx: number;
  xy: number;
  numerator_key: number;
  denominator_key: number;
  max_value: number;
};

/** `q`: the cohort's members (cohort-query.ts). */
export async function cohortCost(db: Database, q: CohortQuery, options: { exactCounts?: boolean } = {}): Promise<CostPmpm> {
  const y = `(${COST_PMPM.numeratorValue})`;
  const x = `(${COST_PMPM.denominatorValue})`;
  // The mart's rows carry each person's record key; one row per member of the latest year.
  const [row] = await db.query<CostRow>(
    ...q.sql(`SELECT (SELECT strftime(max(period_start), '%Y') FROM mart.person_period WHERE grain = 'year') AS year,
                     (${COST_PMPM.denominatorPeople})::BIGINT AS n, (${COST_PMPM.numeratorPeople})::BIGINT AS numerator_people,
                     coalesce(sum(${y}), 0)::DOUBLE AS y, coalesce(sum(${x}), 0)::DOUBLE AS x, coalesce(sum(${y} * ${y}), 0)::DOUBLE AS yy,
                     coalesce(sum(${x} * ${x}), 0)::DOUBLE AS xx, coalesce(sum(${y} * ${x}), 0)::DOUBLE AS xy,
                     ${keySumSql(COST_PMPM.numeratorPeople)}::BIGINT AS numerator_key, ${keySumSql(COST_PMPM.denominatorPeople)}::BIGINT AS denominator_key,
                     coalesce(max(${y}), 0)::DOUBLE AS max_value
              FROM mart.person_period AS pp JOIN members AS m ON m.person_id = pp.person_id
              WHERE pp.grain = 'year' AND pp.period_start = ${LATEST_YEAR}`),
  );
  const r = row!;
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
