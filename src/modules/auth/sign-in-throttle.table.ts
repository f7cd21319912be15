import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed sign-ins per account, so that a lock holds across API processes. Keyed by a hash of the
 * normalised email, known or not: an unknown email locks exactly like a real one (a lock tells
 * nobody who exists), and the addresses attackers type are not kept readable.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  /** Attempts since the last success or lock; an attempt counts until its password proved right. */
  failures: integer('failures').notNull().default(0),
  /** Locks so far: each lasts twice as long as the one before. */
  lockouts: integer('lockouts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [index('sign_in_throttles_last_attempt_at_idx').on(t.lastAttemptAt)]);
