import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { QueueHandles } from '../../shared/queue-handles.ts';
import type { Metrics } from './metrics.registry.ts';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
/** A scrape never waits long for a Redis or Postgres in trouble: the figures it could not read keep their last values. */
const READ_TIMEOUT_MS = 2_000;
const BEHIND_CAP = 100_000;

const withTimeout = <T>(work: Promise<T>) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), READ_TIMEOUT_MS).unref())]);

/**
 * The figures read at scrape time: queue depths from Redis (BullMQ's counts), relay lag from
 * Postgres (each subscriber's cursor against the events after it), this process's pool. They are
 * the same from any process, so one scrape target is enough for them (`max by (queue)` across
 * several).
 */
export function createScrapeCollectors(deps: { metrics: Metrics; db: Database; pool: pg.Pool; queues: QueueHandles; clock: Clock; logger: Logger }) {
  const { metrics } = deps;

  async function queueDepths() {
    await Promise.all(
      deps.queues.all().map(async (queue) => {
        const counts = await withTimeout(queue.getJobCounts(...QUEUE_STATES));
        for (const state of QUEUE_STATES) metrics.queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      }),
    );
  }

  async function relayLag() {
    const result = await withTimeout(
      deps.db.execute<{ subscriber: string; behind: string; oldest: string | null }>(sql`
        SELECT c.subscriber,
          (SELECT count(*) FROM (SELECT 1 FROM events e WHERE (e.txid, e.seq) > (c.txid, c.seq) LIMIT ${BEHIND_CAP}) x) AS behind,
          (SELECT e.created_at FROM events e WHERE (e.txid, e.seq) > (c.txid, c.seq) ORDER BY e.txid, e.seq LIMIT 1) AS oldest
        FROM event_cursors c`),
    );
    const now = deps.clock.now().getTime();
    for (const row of result.rows) {
      metrics.relayBehind.set({ subscriber: row.subscriber }, Number(row.behind));
      metrics.relayOldest.set({ subscriber: row.subscriber }, row.oldest ? Math.max(0, (now - new Date(row.oldest).getTime()) / 1000) : 0);
    }
  }

  return {
    async refresh(): Promise<void> {
      metrics.pool.set({ state: 'total' }, deps.pool.totalCount);
      metrics.pool.set({ state: 'idle' }, deps.pool.idleCount);
      metrics.pool.set({ state: 'waiting' }, deps.pool.waitingCount);
      const results = await Promise.allSettled([queueDepths(), relayLag()]);
      for (const result of results) {
        if (result.status === 'rejected') deps.logger.warn({ err: (result.reason as Error).message }, 'a metrics figure could not be read');
      }
    },
  };
}

export type ScrapeCollectors = ReturnType<typeof createScrapeCollectors>;
