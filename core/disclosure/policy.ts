// The disclosure threshold and its guard: which counts of people are too small to publish.
// CMS cell size suppression policy (2020): no cell of 1–10 beneficiaries may be shown; 0 may.
// Must never accept a threshold below that minimum unless an admin override says so explicitly.

import { disclosureMessages } from './messages.ts';

/** CMS minimum cell size: counts of 1 to 10 people are suppressed, so the threshold is 11. */
export const CMS_MINIMUM_CELL_SIZE = 11;

export interface PolicyOptions {
  /** Counts of people from 1 to threshold − 1 are suppressed. Default, and minimum: 11. */
  threshold?: number;
  /**
   * Admin override to allow a threshold below 11 (e.g. a demo on synthetic data).
   * Only the literal `true` counts, so a stray `"false"` string from a config file
   * or query parameter can never lower the threshold.
   */
  allowBelowMinimum?: boolean;
}

/** A validated policy; build it with {@link resolvePolicy}, never by hand. */
export interface DisclosurePolicy {
  readonly threshold: number;
}

/** Thrown for a threshold that is not a whole number, or is below 11 without the override. */
export class DisclosurePolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisclosurePolicyError';
  }
}

/** The policy for these options, after the guard; throws DisclosurePolicyError. */
export function resolvePolicy(options: PolicyOptions = {}): DisclosurePolicy {
  const threshold = options.threshold ?? CMS_MINIMUM_CELL_SIZE;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 1) {
    throw new DisclosurePolicyError(disclosureMessages.thresholdNotInteger(threshold));
  }
  if (threshold < CMS_MINIMUM_CELL_SIZE && options.allowBelowMinimum !== true) {
    throw new DisclosurePolicyError(
      disclosureMessages.thresholdBelowMinimum(threshold, CMS_MINIMUM_CELL_SIZE),
    );
  }
  return Object.freeze({ threshold });
}

/** Throws RangeError unless `value` is a non-negative integer: a NaN must never pass as "not small". */
export function assertPeopleCount(field: string, value: unknown, where: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(disclosureMessages.badPeopleCount(field, value, where));
  }
}

/** True for a count of 1 to threshold − 1 people (CMS: 1–10). Zero is not small: 0 is shown. */
export function isSmallCount(count: number, policy: DisclosurePolicy): boolean {
  assertPeopleCount('count', count, 'isSmallCount');
  return count >= 1 && count < policy.threshold;
}
