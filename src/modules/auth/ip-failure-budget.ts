import type { Clock } from '../../shared/clock.ts';

/**
 * Failed sign-ins per client IP, in this process's memory: the brake on password spraying (one
 * guess on each of many accounts, which no per-account lock sees). Only failures count, and the
 * budget is far above what attacking a single account can spend before its lock (5 per lock,
 * locks doubling), so one account under attack never locks colleagues behind the same IP out.
 */
export const IP_FAILURE_BUDGET = { maxFailures: 30, windowMs: 10 * 60_000 };
const MAX_TRACKED = 50_000;

export function createIpFailureBudget(clock: Clock, policy = IP_FAILURE_BUDGET) {
  const windows = new Map<string, { failures: number; endsAt: number }>();

  function live(ip: string, now: number) {
    const window = windows.get(ip);
    if (window && window.endsAt <= now) {
      windows.delete(ip);
      return undefined;
    }
    return window;
  }

  return {
    /** How long this IP must wait before another attempt, 0 when it may go ahead. */
    retryAfterMs(ip: string): number {
      const now = clock.now().getTime();
      const window = live(ip, now);
      return window && window.failures >= policy.maxFailures ? window.endsAt - now : 0;
    },

    recordFailure(ip: string): void {
      const now = clock.now().getTime();
      const window = live(ip, now);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= MAX_TRACKED) {
        for (const [key, value] of windows) if (value.endsAt <= now) windows.delete(key);
        if (windows.size >= MAX_TRACKED) windows.clear();
      }
      windows.set(ip, { failures: 1, endsAt: now + policy.windowMs });
    },
  };
}

export type IpFailureBudget = ReturnType<typeof createIpFailureBudget>;
