import { describe, expect, it } from 'vitest';
import { QUALITY_CHECKS } from '../../pipelines/quality/index.ts';
import { compareWithPrevious, type PreviousRun } from '../../pipelines/quality/previous-results.ts';
import { judge } from '../../pipelines/quality/run-checks.ts';

describe('judging a check against its threshold', () => {
  it('fails any failing row when the threshold is 0', () => {
    expect(judge(10_000, 1, 0)).toEqual({ percentFailed: 0.01, status: 'fail' });
    expect(judge(10_000, 0, 0)).toEqual({ percentFailed: 0, status: 'pass' });
  });
  it('passes a share of failing rows equal to the threshold and fails one just above it', () => {
    expect(judge(200, 10, 5).status).toBe('pass'); // 5 % allowed, 5 % failing
    expect(judge(200, 11, 5)).toEqual({ percentFailed: 5.5, status: 'fail' });
  });
  it('passes a check with nothing to check', () => {
    expect(judge(0, 0, 0)).toEqual({ percentFailed: 0, status: 'pass' });
  });
});

describe('comparing with the previous load', () => {
  const previous: PreviousRun = { runId: 'before', statuses: new Map([['was-failing', 'fail'], ['was-passing', 'pass']]) };
  it('calls a failure new unless it failed before', () => {
    expect(compareWithPrevious('fail', previous, 'was-passing')).toBe('new');
    expect(compareWithPrevious('fail', previous, 'not-run-before')).toBe('new');
    expect(compareWithPrevious('fail', previous, 'was-failing')).toBe('stable');
  });
  it('calls a pass resolved when it failed before, stable when it passed', () => {
    expect(compareWithPrevious('pass', previous, 'was-failing')).toBe('resolved');
    expect(compareWithPrevious('pass', previous, 'was-passing')).toBe('stable');
  });
  it('has no comparison without a previous run, or for a passing check the previous run did not have', () => {
    expect(compareWithPrevious('fail', null, 'was-failing')).toBeNull();
    expect(compareWithPrevious('pass', previous, 'not-run-before')).toBeNull();
  });
});

describe('the check catalog', () => {
  it('has at least 30 checks with kebab-case ids, descriptions and thresholds between 0 and 100', () => {
    expect(QUALITY_CHECKS.length).toBeGreaterThanOrEqual(30);
    for (const check of QUALITY_CHECKS) {
      expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(check.description.length).toBeGreaterThan(10);
      expect(check.threshold).toBeGreaterThanOrEqual(0);
      expect(check.threshold).toBeLessThan(100);
    }
  });
});
