import { createHash } from 'node:crypto';

/**
 * The per-account lock, as pure state transitions (the repository keeps the state in Postgres).
 * An attempt is counted as a failure before its password is checked and forgotten when it proves
 * right, so that parallel guesses cannot all slip in before the first one is recorded.
 */
export const SIGN_IN_LOCK_POLICY = {
  maxFailures: 5,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  /** Failures further apart than this do not add up (a typo a day never locks anyone). */
  failuresExpireMs: 15 * 60_000,
  /** After a quiet day the growing lock starts small again. */
  lockoutsExpireMs: 24 * 60 * 60_000,
};

export type SignInLockPolicy = typeof SIGN_IN_LOCK_POLICY;

export interface ThrottleState {
  failures: number;
  lockouts: number;
  lockedUntil: Date | null;
  lastAttemptAt: Date;
}

export type AttemptVerdict = { allowed: true; next: ThrottleState } | { allowed: false; retryAfterMs: number };

export const lockDurationMs = (lockouts: number, policy: SignInLockPolicy = SIGN_IN_LOCK_POLICY) =>
  Math.min(policy.firstLockMs * 2 ** Math.min(lockouts, 30), policy.maxLockMs);

export const isLocked = (state: Pick<ThrottleState, 'lockedUntil'> | undefined, now: Date) =>
  !!state?.lockedUntil && state.lockedUntil.getTime() > now.getTime();

/** Whether an attempt may go on to the password check, and the state to store if it does. */
export function beginAttempt(state: ThrottleState | undefined, now: Date, policy: SignInLockPolicy = SIGN_IN_LOCK_POLICY): AttemptVerdict {
  if (state && isLocked(state, now)) return { allowed: false, retryAfterMs: state.lockedUntil!.getTime() - now.getTime() };
  const quiet = state ? now.getTime() - state.lastAttemptAt.getTime() : Infinity;
  let lockouts = quiet > policy.lockoutsExpireMs ? 0 : (state?.lockouts ?? 0);
  let failures = (quiet > policy.failuresExpireMs ? 0 : (state?.failures ?? 0)) + 1;
  let lockedUntil: Date | null = null;
  if (failures >= policy.maxFailures) {
    // This attempt is still checked; if it is wrong too, the lock set here is what the next one meets.
    lockedUntil = new Date(now.getTime() + lockDurationMs(lockouts, policy));
    lockouts += 1;
    failures = 0;
  }
  return { allowed: true, next: { failures, lockouts, lockedUntil, lastAttemptAt: now } };
}

/** The account's key: a hash of the email as sign-in compares it (trimmed, lower-cased). */
export function throttleKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}
