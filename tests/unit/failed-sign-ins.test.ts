// The limit on failed password sign-ins per user name: a sliding window over the latest failures.
import { describe, expect, it } from 'vitest';
import { failedSignIns } from '../../core/accounts/failed-sign-ins.ts';

const MINUTE = 60_000;

describe('failed sign-ins per user name', () => {
  it('blocks a name after 5 failures within 15 minutes until the oldest of them is 15 minutes old', () => {
    const limit = failedSignIns({ attempts: 5, windowMs: 15 * MINUTE });
    const t0 = Date.parse('2025-03-03T09:00:00Z');
    // Failures at 0, 2, 4, 6 and 8 minutes.
    for (let i = 0; i < 4; i++) limit.recordFailure('ann', t0 + 2 * i * MINUTE);
    expect(limit.blockedUntil('ann', t0 + 7 * MINUTE)).toBeUndefined();
    limit.recordFailure('ann', t0 + 8 * MINUTE);
    expect(limit.blockedUntil('ann', t0 + 8 * MINUTE)).toBe(t0 + 15 * MINUTE);
    expect(limit.blockedUntil('bob', t0 + 8 * MINUTE)).toBeUndefined();
    // At 15 minutes the failure at 0 leaves the window; one more failure at 15 blocks until 2 + 15.
    expect(limit.blockedUntil('ann', t0 + 15 * MINUTE)).toBeUndefined();
    limit.recordFailure('ann', t0 + 15 * MINUTE);
    expect(limit.blockedUntil('ann', t0 + 15 * MINUTE)).toBe(t0 + 17 * MINUTE);
  });

  it('forgets a name\'s failures after a success', () => {
    const limit = failedSignIns({ attempts: 2, windowMs: MINUTE });
    limit.recordFailure('ann', 0);
    limit.clear('ann');
    limit.recordFailure('ann', 1);
    expect(limit.blockedUntil('ann', 2)).toBeUndefined();
    limit.recordFailure('ann', 3);
    expect(limit.blockedUntil('ann', 4)).toBe(1 + MINUTE);
  });
});
