// Rounds a summed amount (dollars, days) to a whole number of events for age standardization.
//
// An amount is summed as DOUBLE, and the order of addition differs between the pre-aggregated
// cells and the person rows (and between parallel scans). Sums of cent amounts often land exactly
// on .50 (perturbation adds a fifth-multiple of a cent amount, so with unchanged people the sum stays
// on a 0.2-cent grid), and there a last-bit error decided the rounding: 52915.499999999993 rounded
// down where 52915.5 rounded up, so the two paths published different age-adjusted cost rates.
// Snapping the sum to a tenth of a cent first removes that error (a tolerance far larger than a
// million rows' summation error, smaller than the 0.2-cent grid), so every order rounds the same way.
const SNAP = 1_000;

export function roundSummedAmount(sum: number): number {
  return Math.round(Math.round(sum * SNAP) / SNAP);
}
