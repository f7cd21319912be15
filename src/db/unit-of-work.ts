import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';

/** Serialises work on keys until the transaction ends (e.g. one channel message id). */
export type Lock = (...keys: string[]) => Promise<void>;

/** Locks are taken left to right in one round trip; callers keep one global order to avoid deadlocks. */
const sqlLock = (keys: string[]) =>
  sql`SELECT ${sql.join(
    keys.map((key) => sql`pg_advisory_xact_lock(hashtextextended(${key}, 0))`),
    sql`, `,
  )}`;

export const lockOn = (db: Executor): Lock => async (...keys) => {
  if (keys.length) await db.execute(sqlLock(keys));
};

/**
 * The repositories one feature writes together, bound to one executor: a transaction for writes,
 * the pool for reads. Each feature says which repositories it needs (its own, and the slices of
 * others' it calls into); services type their dependency as the slice they use.
 */
export interface UnitOfWork<Repos> {
  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (repos: Repos & { lock: Lock }) => Promise<T>): Promise<T>;
  /** The same repositories on the pool, for reads. */
  readonly read: Repos;
}

export function createUnitOfWork<Repos>(db: Database, repositories: (executor: Executor) => Repos): UnitOfWork<Repos> {
  return {
    transaction: (work) => db.transaction((tx) => work({ ...repositories(tx), lock: lockOn(tx) })),
    read: repositories(db),
  };
}
