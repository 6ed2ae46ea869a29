// Confidence interval for the difference of two independent proportions, x1/n1 − x2/n2:
// Newcombe's hybrid score interval, built from the two Wilson intervals (proportion-ci.ts).
// Never returns limits outside [−1, 1]; never invents an estimate when a group is empty.

import { assertCount, DEFAULT_CONFIDENCE } from './confidence-level.ts';
import { wilsonInterval, type ProportionOptions } from './proportion-ci.ts';

/** A difference of proportions with its interval, on the −1…1 scale; null throughout when n1 or n2 = 0. */
export type DifferenceInterval =
  | { difference: number; low: number; high: number }
  | { difference: null; low: null; high: null };

/**
 * Newcombe (1998), "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Stat Med 17:873–890, method 10 (hybrid score, no continuity
 * correction). With Wilson limits (l1, u1) for p1 and (l2, u2) for p2, and θ = p1 − p2:
 *   L = θ − √((p1 − l1)² + (u2 − p2)²),   U = θ + √((u1 − p1)² + (p2 − l2)²).
 * Chosen over the Wald interval for the same reasons as Wilson's: it keeps near-nominal coverage
 * for small groups and proportions near 0 or 1, and needs no iteration (Newcombe 1998, Table I;
 * Fagerland, Lydersen & Laake 2011 recommend it for the difference).
 */
export function newcombeDifferenceInterval(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: ProportionOptions = {},
): DifferenceInterval {
  for (const [name, value] of [['x1', x1], ['n1', n1], ['x2', x2], ['n2', n2]] as const) assertCount(name, value);
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const a = wilsonInterval(x1, n1, { confidence });
  const b = wilsonInterval(x2, n2, { confidence });
  if (a.proportion === null || b.proportion === null) return { difference: null, low: null, high: null };
  const difference = a.proportion - b.proportion;
  const low = difference - Math.hypot(a.proportion - a.low, b.high - b.proportion);
  const high = difference + Math.hypot(a.high - a.proportion, b.proportion - b.low);
  return { difference, low: Math.max(-1, low), high: Math.min(1, high) };
}
