// A run that leaves sections out (--skip) keeps the last measured figures of those sections on the
// performance page instead of erasing them: each carried section says when and at which commit it
// was measured, and so do the targets it decides. Only sections left out with --skip are carried; a
// failed section stays failed. Pure.
import type { TargetResult } from './targets.ts';
import { hasFigures, type Section, type SizeRun } from './types.ts';

/** Marks figures taken from an earlier run of the same size. */
export interface Carried {
  carriedFrom?: { measuredAt: string; commit: string | null };
}

export interface MeasuredRun {
  measuredAt: string;
  commit: string | null;
  run: SizeRun;
}

const CARRIED_SECTIONS = ['generator', 'load', 'api', 'postgres', 'dashboard', 'fhir', 'disclosure', 'shards', 'reports', 'cohorts'] as const;

const leftOut = (section: Section<object> | undefined) => section === undefined || 'skipped' in section;

/** `fresh` with each section it left out taken from `previous` (same population size), where that one has figures. */
export function carryOver(fresh: SizeRun, previous: MeasuredRun | undefined): SizeRun {
  if (!previous || previous.run.people !== fresh.people) return fresh;
  const from = { measuredAt: previous.measuredAt, commit: previous.commit };
  const run: SizeRun = { ...fresh };
  const carriedTargets = new Set<string>();
  for (const key of CARRIED_SECTIONS) {
    const old = previous.run[key] as Section<object> | undefined;
    if (leftOut(fresh[key] as Section<object> | undefined) && hasFigures(old)) {
      (run as unknown as Record<string, unknown>)[key] = { ...old, carriedFrom: carriedFrom(old) ?? from };
      carriedTargets.add(key);
    }
  }
  if (hasFigures(run.api) && hasFigures(fresh.api) && leftOut(fresh.api.throughput) && hasFigures(previous.run.api) && hasFigures(previous.run.api.throughput)) {
    const old = previous.run.api.throughput;
    run.api = { ...fresh.api, throughput: { ...old, carriedFrom: carriedFrom(old) ?? from } as typeof old };
  }
  run.targets = fresh.targets.map((target) => carryTarget(target, previous.run.targets, from));
  return run;
}

/** A target the fresh run could not measure keeps the earlier run's result, marked as carried. */
function carryTarget(target: TargetResult, earlier: readonly TargetResult[], from: Carried['carriedFrom']): TargetResult {
  if (target.status !== 'SKIP') return target;
  const old = earlier.find((t) => t.id === target.id);
  if (!old || old.status === 'SKIP') return target;
  return { ...old, carriedFrom: carriedFrom(old) ?? from } as TargetResult;
}

export const carriedFrom = (figures: object): Carried['carriedFrom'] => (figures as Carried).carriedFrom;

/** " (measured 2026-12-04 @ 85fd5ad, carried over: the latest run left this section out)" or "". */
export function carriedNote(section: object): string {
  const from = carriedFrom(section);
  if (!from) return '';
  return ` _(measured ${from.measuredAt.slice(0, 10)}${from.commit ? ` @ ${from.commit.slice(0, 7)}` : ''}, carried over: the latest run at this size left this section out)_`;
}
