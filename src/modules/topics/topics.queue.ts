import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { defineQueue } from '../../shared/jobs.ts';
import type { TopicIndexer } from './topic-indexer.ts';

export const TOPICS_QUEUE = 'topics';
const BACKFILL_EVERY_MS = 60 * 60 * 1000;

/**
 * Customer messages that never passed through the relay (history that was there before this
 * feature, an import written straight into the database) are indexed when the worker starts and
 * hourly after. Idempotent with the relay: both skip what is indexed already.
 */
export function topicsQueue(deps: { db: Database; indexer: TopicIndexer }) {
  const backfill = () => deps.indexer.backfill(deps.db);
  return defineQueue({
    name: TOPICS_QUEUE,
    schema: z.object({ task: z.literal('backfill') }),
    concurrency: 1,
    schedules: [{ id: 'topics-backfill', every: BACKFILL_EVERY_MS, data: { task: 'backfill' } }],
    async handle(_data, { log }) {
      const indexed = await backfill();
      if (indexed > 0) log.info({ indexed }, 'customer messages indexed for topics');
    },
    async recover() {
      await backfill();
    },
  });
}
