// A bench run that leaves sections out keeps the earlier figures of those sections, marked with when
// they were measured; failed sections and other sizes are never filled in.
import { describe, expect, it } from 'vitest';
import { carryOver } from '../../bench/carry-over.ts';
import { sizeDetails, targetsTable } from '../../bench/markdown.ts';
import type { TargetResult } from '../../bench/targets.ts';
import type { SizeRun } from '../../bench/types.ts';

const pgFigures = { version: 'postgres (PostgreSQL) 15.18', tables: ['mart.person_year'], rows: 91_000_000, loadSeconds: 300, runs: 7, queries: [], speedup: 17.5, settings: '' };
const target = (id: string, status: TargetResult['status'], value: number | null): TargetResult =>
  ({ id, title: id, issue: 5, comparison: '>=', limit: 20, unit: 'times', value, status }) as TargetResult;

function run(people: number, sections: Partial<SizeRun>): SizeRun {
  return {
    people,
    generator: { skipped: 'x' },
    load: { skipped: 'x' },
    api: { skipped: 'x' },
    postgres: { skipped: 'left out with --skip pg' },
    dashboard: { skipped: 'left out with --skip browser' },
    targets: [],
    ...sections,
  } as SizeRun;
}

describe('carryOver', () => {
  const previous = {
    measuredAt: '2026-12-04T23:00:00.000Z',
    commit: '85fd5ad081aaaa',
    run: run(1_000_000, { postgres: pgFigures as SizeRun['postgres'], fhir: { error: 'boom' }, targets: [target('duckdb-vs-postgres', 'FAIL', 17.5)] }),
  };

  it('takes a left-out section and its target from the earlier run of the same size, marked with its date and commit', () => {
    const fresh = run(1_000_000, { targets: [target('duckdb-vs-postgres', 'SKIP', null)] });
    const merged = carryOver(fresh, previous);
    expect(merged.postgres).toMatchObject({ speedup: 17.5, carriedFrom: { measuredAt: '2026-12-04T23:00:00.000Z', commit: '85fd5ad081aaaa' } });
    expect(merged.targets[0]).toMatchObject({ status: 'FAIL', value: 17.5 });
    expect(sizeDetails(merged)).toContain('**4. PostgreSQL** _(measured 2026-12-04 @ 85fd5ad, carried over');
    expect(targetsTable([merged])).toContain('**FAIL** 17.5× (measured 2026-12-04)');
  });

  it('keeps what the fresh run measured or failed, and never fills a section the earlier run failed', () => {
    const fresh = run(1_000_000, { postgres: { ...pgFigures, speedup: 3 } as SizeRun['postgres'], fhir: { skipped: 'left out with --skip fhir' } });
    const merged = carryOver(fresh, previous);
    expect(merged.postgres).toMatchObject({ speedup: 3 });
    expect(merged.postgres).not.toHaveProperty('carriedFrom');
    expect(merged.fhir).toEqual({ skipped: 'left out with --skip fhir' });
    const failed = carryOver(run(1_000_000, { postgres: { error: 'cluster did not start' } }), previous);
    expect(failed.postgres).toEqual({ error: 'cluster did not start' });
  });

  it('never mixes population sizes', () => {
    const fresh = run(100_000, {});
    expect(carryOver(fresh, previous)).toBe(fresh);
  });
});
