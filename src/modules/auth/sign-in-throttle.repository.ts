import { and, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { beginAttempt, type AttemptVerdict } from './sign-in-throttle.ts';
import { signInThrottles } from './sign-in-throttle.table.ts';

export function createSignInThrottleRepository(db: Database) {
  return {
    /** Counts an attempt under a row lock (one answer per account however many processes ask at once). */
    async begin(key: string, now: Date): Promise<AttemptVerdict> {
      return db.transaction(async (tx) => {
        await tx.insert(signInThrottles).values({ key, lastAttemptAt: now }).onConflictDoNothing();
        const [row] = await tx.select().from(signInThrottles).where(eq(signInThrottles.key, key)).for('update');
        const verdict = beginAttempt(row, now);
        if (verdict.allowed) await tx.update(signInThrottles).set(verdict.next).where(eq(signInThrottles.key, key));
        return verdict;
      });
    },

    /** A right password (or an admin's unlock): the account starts from nothing. */
    async clear(key: string): Promise<void> {
      await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
    },

    /** The accounts among `keys` that are locked now, with the end of their lock. */
    async lockedUntil(keys: string[], now: Date): Promise<Map<string, Date>> {
      if (keys.length === 0) return new Map();
      const rows = await db
        .select({ key: signInThrottles.key, lockedUntil: signInThrottles.lockedUntil })
        .from(signInThrottles)
        .where(and(inArray(signInThrottles.key, keys), gt(signInThrottles.lockedUntil, now)));
      return new Map(rows.map((row) => [row.key, row.lockedUntil!]));
    },

    /** Housekeeping: rows with no recent attempt and no running lock say nothing any more. */
    async purgeStale(before: Date, now: Date): Promise<number> {
      const deleted = await db
        .delete(signInThrottles)
        .where(and(lt(signInThrottles.lastAttemptAt, before), or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, now))))
        .returning({ key: signInThrottles.key });
      return deleted.length;
    },
  };
}

export type SignInThrottleRepository = ReturnType<typeof createSignInThrottleRepository>;
