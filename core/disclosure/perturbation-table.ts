// The perturbation table of the cell key method (ABS TableBuilder: Fraser & Wooton 2005; Thompson,
// Broadfoot & Elazar 2013), built by maximum entropy as in Giessing (2016, "Computational issues in
// the design of transition probabilities and disclosure risk estimation for additive noise", PSD
// 2016, LNCS 9867): for each true count c, a distribution of integer noise d in [−D, D] with mean 0
// and variance V, the most even such distribution (maximum entropy, so p(d) ∝ exp(a·d + b·d²)),
// where the published count c + d is never negative and zero only when c is zero. Counts of D + 1
// and more share one row. Published counts of 1…10 are then suppressed, as before perturbation
// (core/disclosure/policy.ts), so the table needs no blocked values of its own (ABS's js = 0).
// The table is public: its parameters and probabilities are documented (docs/disclosure.md); a
// cell's noise stays unknown because the cell key that picks it is secret.

export interface PerturbationParameters {
  /** Largest absolute noise, D ≥ 1. */
  maxNoise: number;
  /** Variance of the noise, V, for counts whose row is not cut short (0 < V < D²). */
  variance: number;
}

export interface PerturbationRow {
  /** The true count this row is for; the last row serves every larger count. */
  count: number;
  /** Possible noises, ascending, with their probabilities and cumulative upper bounds in [0, 1]. */
  noise: number[];
  probability: number[];
  cumulative: number[];
  /** The mean and variance this row achieves (a row cut short by c ≥ 0 may not reach V). */
  mean: number;
  variance: number;
}

export interface PerturbationTable {
  parameters: PerturbationParameters;
  rows: PerturbationRow[];
}

export const DEFAULT_PERTURBATION: PerturbationParameters = { maxNoise: 5, variance: 2 };

export function perturbationTable(parameters: PerturbationParameters = DEFAULT_PERTURBATION): PerturbationTable {
  const { maxNoise: D, variance: V } = parameters;
  if (!Number.isInteger(D) || D < 1) throw new RangeError(`maxNoise must be a whole number of at least 1, got ${D}`);
  if (!(V > 0 && V < D * D)) throw new RangeError(`variance must lie strictly between 0 and maxNoise² (${D * D}), got ${V}`);
  const rows: PerturbationRow[] = [{ count: 0, noise: [0], probability: [1], cumulative: [1], mean: 0, variance: 0 }];
  for (let count = 1; count <= D + 1; count++) rows.push(rowFor(count, D, V));
  return { parameters, rows };
}

/** The noise for a true count and a cell key in [0, 1): the row's inverse distribution function. */
export function noiseFor(table: PerturbationTable, count: number, cellKey: number): number {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a count must be a whole number of at least 0, got ${count}`);
  if (!(cellKey >= 0 && cellKey < 1)) throw new RangeError(`a cell key must lie in [0, 1), got ${cellKey}`);
  const row = table.rows[Math.min(count, table.rows.length - 1)]!;
  const index = row.cumulative.findIndex((upper) => cellKey < upper);
  return row.noise[index === -1 ? row.noise.length - 1 : index]!;
}

/** Noises allowed for a count of at least 1: c + d ≥ 1, so a true non-zero stays non-zero. */
function supportFor(count: number, D: number): number[] {
  const noise: number[] = [];
  for (let d = Math.max(-D, 1 - count); d <= D; d++) noise.push(d);
  return noise;
}

function rowFor(count: number, D: number, V: number): PerturbationRow {
  const noise = supportFor(count, D);
  const probability = maximumEntropy(noise, V);
  let running = 0;
  const cumulative = probability.map((p) => (running += p));
  cumulative[cumulative.length - 1] = 1; // no key can fall past the last noise through rounding
  const mean = noise.reduce((sum, d, i) => sum + d * probability[i]!, 0);
  const variance = noise.reduce((sum, d, i) => sum + (d - mean) ** 2 * probability[i]!, 0);
  return { count, noise, probability, cumulative, mean, variance };
}

/**
 * p(d) ∝ exp(a·d + b·d²) on `support`, with a, b chosen so that the mean is 0 and the variance V
 * (Newton's method on the exponential family's moment equations). When the support cannot carry
 * variance V with mean 0 (a row cut short near zero), the variance is lowered to what it can
 * carry, keeping the mean at 0 whenever the support straddles it.
 */
function maximumEntropy(support: readonly number[], V: number): number[] {
  if (support.length === 1) return [1];
  const lowest = support[0]!;
  const highest = support[support.length - 1]!;
  if (lowest === 0) return support.map((d) => (d === 0 ? 1 : 0)); // a count of 1 can only stay 1
  // With mean 0 the largest variance the support can carry is −lowest·highest (all mass at the ends).
  const target = Math.min(V, 0.9 * -lowest * highest);
  let a = 0;
  let b = -1 / (2 * target);
  for (let step = 0; step < 200; step++) {
    const p = weights(support, a, b);
    const m1 = moment(support, p, 1);
    const m2 = moment(support, p, 2);
    const m3 = moment(support, p, 3);
    const m4 = moment(support, p, 4);
    const f1 = m1;
    const f2 = m2 - target;
    if (Math.abs(f1) < 1e-13 && Math.abs(f2) < 1e-12) return p;
    // Jacobian of (E d, E d²) in (a, b): the covariances of (d, d²).
    const j11 = m2 - m1 * m1;
    const j12 = m3 - m1 * m2;
    const j22 = m4 - m2 * m2;
    const det = j11 * j22 - j12 * j12;
    let da = (j22 * f1 - j12 * f2) / det;
    let db = (j11 * f2 - j12 * f1) / det;
    // Damped: a full step can overshoot far out where exp() overflows.
    const size = Math.max(Math.abs(da), Math.abs(db));
    if (size > 1) {
      da /= size;
      db /= size;
    }
    a -= da;
    b -= db;
  }
  throw new Error(`the perturbation table did not converge for noises ${support.join(', ')} and variance ${target}`);
}

function weights(support: readonly number[], a: number, b: number): number[] {
  const exponents = support.map((d) => a * d + b * d * d);
  const top = Math.max(...exponents);
  const raw = exponents.map((e) => Math.exp(e - top));
  const total = raw.reduce((sum, w) => sum + w, 0);
  return raw.map((w) => w / total);
}

const moment = (support: readonly number[], p: readonly number[], power: number): number =>
  support.reduce((sum, d, i) => sum + d ** power * p[i]!, 0);
