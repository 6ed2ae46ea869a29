// The load history and the quarantine as they may be shown without exact counts (docs/disclosure.md,
// "Side doors"): rows of the extract are people's records, so no count of 1–10 is shown, nor one a
// shown count gives away. The rule is the quality report's (protectFailedOfChecked: quarantined out
// of read, as failing out of checked). Pure; must never leave a hidden count computable.
import { isSmallCount, resolvePolicy } from '../disclosure/policy.ts';
import { protectFailedOfChecked } from '../quality/quality-disclosure.ts';
import type { FileCount, LoadRun } from './load-history.ts';
import type { QuarantineGroup, QuarantineSummary } from './quarantine-summary.ts';

/** read = loaded + quarantined, so hiding quarantined hides loaded too. */
function protectCounts<T extends { read: number | null; loaded: number | null; quarantined: number | null }>(counts: T): T & { hidden: boolean } {
  if (counts.read === null || counts.quarantined === null) return { ...counts, hidden: true };
  const pair = protectFailedOfChecked(counts.read, counts.quarantined);
  if (!pair.suppressionReason) return { ...counts, hidden: false };
  return { ...counts, read: pair.checked, loaded: null, quarantined: null, hidden: true };
}

export function protectLoadRun(run: LoadRun): LoadRun {
  const files: FileCount[] = [];
  let suppressed = false;
  for (const file of run.files) {
    const { hidden, ...shown } = protectCounts(file);
    suppressed ||= hidden;
    files.push(shown);
  }
  const { hidden, ...totals } = protectCounts(run);
  return { ...totals, files, suppressed: suppressed || hidden };
}

/**
 * A group of 1–10 rows is hidden, and with it its examples (how many there are would tell). Groups of
 * one file add up to the file's quarantined rows, which the load history shows: when one group of a
 * file is hidden, all of that file's groups are, so no hidden count is a difference of shown ones.
 */
export function protectQuarantine(summary: QuarantineSummary): QuarantineSummary {
  const policy = resolvePolicy();
  const filesWithHidden = new Set(summary.groups.filter((g) => g.rows !== null && isSmallCount(g.rows, policy)).map((g) => g.file));
  const groups: QuarantineGroup[] = summary.groups.map((g) =>
    filesWithHidden.has(g.file) || g.rows === null ? { ...g, rows: null, examples: [], suppressed: true } : g,
  );
  return { ...summary, groups };
}
