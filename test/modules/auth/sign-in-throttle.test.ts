import { describe, expect, it } from 'vitest';
import { beginAttempt, isLocked, lockDurationMs, SIGN_IN_LOCK_POLICY, throttleKeyOf, type ThrottleState } from '../../../src/modules/auth/sign-in-throttle.ts';
import { createIpFailureBudget } from '../../../src/modules/auth/ip-failure-budget.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';

const at = (iso: string) => new Date(iso);

/** Runs `n` attempts that all turn out wrong (the state is kept, as the repository does). */
function failTimes(n: number, state: ThrottleState | undefined, now: Date) {
  let current = state;
  const verdicts = [];
  for (let i = 0; i < n; i++) {
    const verdict = beginAttempt(current, now);
    verdicts.push(verdict);
    if (verdict.allowed) current = verdict.next;
  }
  return { state: current, verdicts };
}

describe('the per-account lock', () => {
  it('lets 5 attempts through, the 5th setting a 1-minute lock that refuses the 6th', () => {
    const now = at('2026-05-04T09:00:00Z');
    const { state, verdicts } = failTimes(6, undefined, now);
    expect(verdicts.slice(0, 5).every((v) => v.allowed)).toBe(true);
    expect(verdicts[5]).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(state).toMatchObject({ failures: 0, lockouts: 1, lockedUntil: at('2026-05-04T09:01:00Z') });
    expect(isLocked(state, at('2026-05-04T09:00:59Z'))).toBe(true);
    expect(isLocked(state, at('2026-05-04T09:01:00Z'))).toBe(false);
  });

  it('doubles each lock up to an hour', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map((n) => lockDurationMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('forgets failures after 15 quiet minutes, and the growing lock after a quiet day', () => {
    const start = at('2026-05-04T09:00:00Z');
    const four = failTimes(4, undefined, start).state!;
    const later = beginAttempt(four, new Date(start.getTime() + SIGN_IN_LOCK_POLICY.failuresExpireMs + 1));
    expect(later.allowed && later.next.failures).toBe(1);
    const locked = failTimes(5, undefined, start).state!;
    const nextDay = beginAttempt(locked, new Date(start.getTime() + SIGN_IN_LOCK_POLICY.lockoutsExpireMs + 120_000));
    expect(nextDay.allowed && nextDay.next.lockouts).toBe(0);
  });

  it('keys accounts by the email as sign-in compares it, without keeping it readable', () => {
    expect(throttleKeyOf('  Li.Lei@Example.COM ')).toBe(throttleKeyOf('li.lei@example.com'));
    expect(throttleKeyOf('li.lei@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the per-IP failure budget', () => {
  it('stops an address after 30 failures for the rest of its 10 minutes, and no other address', () => {
    const clock = createFixedClock('2026-05-04T09:00:00Z');
    const budget = createIpFailureBudget(clock);
    for (let i = 0; i < 29; i++) budget.recordFailure('203.0.113.9');
    expect(budget.retryAfterMs('203.0.113.9')).toBe(0);
    clock.advance(60_000);
    budget.recordFailure('203.0.113.9');
    expect(budget.retryAfterMs('203.0.113.9')).toBe(9 * 60_000);
    expect(budget.retryAfterMs('203.0.113.10')).toBe(0);
    clock.advance(9 * 60_000);
    expect(budget.retryAfterMs('203.0.113.9')).toBe(0);
  });
});
