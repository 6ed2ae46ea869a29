// Student's t distribution: two-sided tail area and quantile, for regression inference.
// Pure functions; NaN outside the domain.

import { regularizedBeta } from './incomplete-beta.ts';
import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal.ts';

/** P(|T| ≥ |t|) with df degrees of freedom: I_{df/(df+t²)}(df/2, 1/2) (A&S 26.7.1). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** P(T ≤ t) with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const half = studentTTwoSidedP(t, df) / 2;
  return t < 0 ? half : 1 - half;
}

function studentTDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The t with P(T ≤ t) = p, e.g. studentTQuantile(0.975, 3) = 3.182446.
 * Newton's method on the CDF from the normal quantile, inside a bracket that is widened
 * until it holds the root and then shrinks, so heavy tails (df = 1) cannot throw it off.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Solve |t| from the two-sided P, computed from whichever tail p is in so that no
  // digits are lost to 1 − p, then restore the sign (the distribution is symmetric).
  const tail = p < 0.5 ? 2 * p : 2 * (1 - p);
  const t = positiveQuantile(tail, df);
  return p < 0.5 ? -t : t;
}

function positiveQuantile(tail: number, df: number): number {
  const residual = (t: number) => tail - studentTTwoSidedP(t, df); // increases with t
  let low = 0;
  let high = Math.max(1, -normalQuantile(tail / 2));
  while (residual(high) < 0) {
    low = high;
    high *= 2;
  }
  let t = high;
  for (let i = 0; i < 200; i++) {
    const r = residual(t);
    if (r === 0) break;
    if (r > 0) high = t;
    else low = t;
    let next = t - r / (2 * studentTDensity(t, df));
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (Math.abs(next - t) <= 1e-14 * t) {
      t = next;
      break;
    }
    t = next;
  }
  return t;
}
