// The live builder's estimate of a draft cohort's size (docs/disclosure.md, design 10): the size
// as it would be published (perturbed, 1–10 suppressed), rounded to two significant figures and
// never finer than hundreds, so that a draft says "about 1,400" and an exact count is asked for on
// purpose (a preview or a save). Pure. Never returns a finer number than that rounding.
import type { DisclosedCount } from '../disclosure/index.ts';

/** The finest rounding of an estimate: a draft never shows its size to better than 100 people. */
export const ESTIMATE_FLOOR = 100;

export type EstimatedSize = { value: number; suppressed: false; roundedTo: number } | Extract<DisclosedCount, { suppressed: true }>;

export function estimateSize(size: DisclosedCount): EstimatedSize {
  if (size.suppressed) return size;
  if (size.value === 0) return { value: 0, suppressed: false, roundedTo: ESTIMATE_FLOOR };
  const roundedTo = Math.max(ESTIMATE_FLOOR, 10 ** (Math.floor(Math.log10(size.value)) - 1));
  // A cohort of 11 or more people is never shown as none.
  return { value: Math.max(roundedTo, Math.round(size.value / roundedTo) * roundedTo), suppressed: false, roundedTo };
}
