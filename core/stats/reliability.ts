// Statistical reliability flags for a rate or proportion, shown next to the estimate.
// Flags only: suppression for confidentiality is core/disclosure's job, not this one's.

/** Why an estimate is flagged; an estimate can fail both rules. */
export type UnreliableReason = 'numerator-below-minimum' | 'rse-above-maximum';

export interface ReliabilityInput {
  /** Events behind the estimate (deaths, cases, visits). */
  numerator: number;
  /** The estimate itself, in any unit. */
  estimate: number;
  /** Its standard error, in the same unit. */
  standardError: number;
}

export interface ReliabilityThresholds {
  /** Flag when numerator < this. Default 20. */
  minNumerator?: number;
  /** Flag when RSE (percent) > this. Default 30. */
  maxRsePercent?: number;
}

export interface Reliability {
  /** Relative standard error, 100·SE/estimate, in percent; null when the estimate is 0. */
  rsePercent: number | null;
  unreliable: boolean;
  reasons: UnreliableReason[];
}

/**
 * NCHS presentation standards:
 * - fewer than 20 events: NCHS marks rates based on fewer than 20 deaths as unreliable,
 *   since fewer than 20 Poisson events means an RSE of at least 100/√20 ≈ 22% (technical
 *   notes of NCHS's "Deaths: Final Data" reports, National Vital Statistics Reports);
 * - RSE above 30%: the NCHS rule for flagging estimates as unreliable (Health, United
 *   States, "Reliability of estimates"; Klein et al. 2002, Healthy People 2010 Stat Note 24).
 * A zero estimate has no RSE (division by zero); its numerator, 0, fails the first rule.
 */
export function assessReliability(
  input: ReliabilityInput,
  thresholds: ReliabilityThresholds = {},
): Reliability {
  const { numerator, estimate, standardError } = input;
  const minNumerator = thresholds.minNumerator ?? 20;
  const maxRsePercent = thresholds.maxRsePercent ?? 30;
  for (const [name, value] of [
    ['numerator', numerator],
    ['estimate', estimate],
    ['standardError', standardError],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
  const rsePercent = estimate === 0 ? null : (100 * standardError) / estimate;
  const reasons: UnreliableReason[] = [];
  if (numerator < minNumerator) reasons.push('numerator-below-minimum');
  if (rsePercent !== null && rsePercent > maxRsePercent) reasons.push('rse-above-maximum');
  return { rsePercent, unreliable: reasons.length > 0, reasons };
}

/** RSE (percent) of a Poisson count or of a crude rate built on it: 100/√count. */
export function poissonRsePercent(count: number): number | null {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`count must be a finite number ≥ 0, got ${count}`);
  }
  return count === 0 ? null : 100 / Math.sqrt(count);
}
