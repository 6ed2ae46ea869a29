// Regularized incomplete gamma functions P(a, x), Q(a, x) and the gamma quantile.
// Used for exact Poisson limits (Garwood 1936) and Fay–Feuer (1997) gamma intervals.
// Pure functions: invalid arguments give NaN here; the public modules validate first.

import { logGamma } from './log-gamma.ts';

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;
/** Relative Halley step below which the next iterate is final (see gammaQuantile). */
const HALLEY_FINAL_STEP = 1e-6;

/** Lower regularized incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Upper regularized incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

// The power series converges fast for x < a + 1 (Abramowitz & Stegun 6.5.29;
// Press et al., Numerical Recipes 3rd ed., §6.2).
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

// Legendre's continued fraction for Q, evaluated with the modified Lentz method
// (Lentz 1976; Thompson & Barnett 1986), converges fast for x ≥ a + 1 (A&S 6.5.31).
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * fraction;
}

/**
 * Quantile of the gamma distribution with the given shape and scale: the x with
 * P(shape, x / scale) = p. Halley's method on P (DiDonato & Morris 1986 use the same
 * iteration) from a Wilson–Hilferty (1931) start, kept inside a bracket that shrinks
 * every step, so it cannot diverge even where the start is poor (small shapes).
 */
export function gammaQuantile(p: number, shape: number, scale = 1): number {
  if (!(shape > 0) || !(scale > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // Solve in the tail that keeps the most digits: P(x) = p below the median, Q(x) = 1 − p above.
  const upper = p > 0.5;
  const target = upper ? 1 - p : p;
  const residual = (x: number) =>
    upper ? target - regularizedGammaQ(shape, x) : regularizedGammaP(shape, x) - target;
  const logNormalizer = logGamma(shape);
  const density = (x: number) => Math.exp((shape - 1) * Math.log(x) - x - logNormalizer);

  let x = wilsonHilfertyStart(p, shape);
  if (x === 0) return 0; // the quantile underflows double precision (tiny shape, lower tail)
  let low = 0;
  let high = Infinity;
  // Halley converges in a handful of steps; the cap only matters if bisection takes over.
  for (let i = 0; i < 1100; i++) {
    const r = residual(x);
    if (r === 0) break;
    if (r > 0) high = x;
    else low = x;
    const f = density(x);
    // Newton step r/f corrected by the curvature of P (Halley): f'/f = (shape − 1)/x − 1.
    const newton = r / f;
    const halley = newton / (1 - 0.5 * Math.min(1, newton * ((shape - 1) / x - 1)));
    let next = x - (Number.isFinite(halley) ? halley : newton);
    const inBracket = next > low && next < high && Number.isFinite(next);
    if (!inBracket) {
      next = high === Infinity ? Math.max(2 * x, 1) : 0.5 * (low + high);
    }
    // Halley converges cubically: a step within 1e-6 of x leaves an error near (1e-6)³, far below
    // double precision, so the step is taken without evaluating P once more to see it is tiny.
    const settled = inBracket && Number.isFinite(halley) && Math.abs(next - x) <= HALLEY_FINAL_STEP * x;
    if (settled || Math.abs(next - x) <= 1e-14 * Math.max(x, 1e-300)) {
      x = next;
      break;
    }
    x = next;
  }
  return x * scale;
}

// Wilson & Hilferty (1931): (X/shape)^(1/3) is nearly normal with mean 1 − 1/(9·shape).
function wilsonHilfertyStart(p: number, shape: number): number {
  const z = normalQuantileRough(p);
  const c = 1 / (9 * shape);
  const cube = 1 - c + z * Math.sqrt(c);
  if (cube > 0.2) return shape * cube ** 3;
  // Far lower tail or small shape: P(a, x) ≈ x^a / Γ(a + 1) for small x.
  return Math.exp((Math.log(p) + logGamma(shape + 1)) / shape);
}

// A&S 26.2.23 (|error| < 4.5e-4): only a starting value, so accuracy is not needed here.
function normalQuantileRough(p: number): number {
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  const z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
    (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
  return p < 0.5 ? -z : z;
}
