import { Queue, Worker } from 'bullmq';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { producerConnection, workerConnection } from '../../shared/queues.ts';
import { purgeExpiredIdempotencyKeys } from '../../http/idempotency.ts';
import { createSessionRepository } from '../auth/sessions.repository.ts';
import { createSignInThrottleRepository } from '../auth/sign-in-throttle.repository.ts';
import { SIGN_IN_LOCK_POLICY } from '../auth/sign-in-throttle.ts';

export const MAINTENANCE_QUEUE = 'maintenance';
const PURGE_EVERY_MS = 60 * 60 * 1000;

const JobSchema = z.object({ task: z.literal('purge-idempotency-keys') });

/**
 * Housekeeping on a BullMQ job scheduler (one schedule however many workers run): expired
 * idempotency answers, expired helpdesk sessions and sign-in failure counts nobody added to for a
 * day (when they no longer count: SIGN_IN_LOCK_POLICY) are deleted hourly.
 */
export async function startMaintenanceWorker(deps: { redisUrl: string; prefix: string; db: Database; clock: Clock; logger: Logger }) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
  await queue.upsertJobScheduler(
    'purge-idempotency-keys',
    { every: PURGE_EVERY_MS },
    { name: 'purge-idempotency-keys', data: { task: 'purge-idempotency-keys' }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const { task } = JobSchema.parse(job.data);
      const log = deps.logger.child({ queue: MAINTENANCE_QUEUE, jobId: job.id });
      if (task === 'purge-idempotency-keys') {
        const now = deps.clock.now();
        const purged = await purgeExpiredIdempotencyKeys(deps.db, now);
        const sessions = await createSessionRepository(deps.db).purgeExpired(now);
        const signInThrottles = await createSignInThrottleRepository(deps.db).purgeStale(new Date(now.getTime() - SIGN_IN_LOCK_POLICY.lockoutsExpireMs), now);
        log.info({ purged, sessions, signInThrottles }, 'expired idempotency keys, helpdesk sessions and sign-in failure counts purged');
      }
    },
    { connection: workerConnection(deps.redisUrl), prefix: deps.prefix, concurrency: 1 },
  );
  worker.on('failed', (job, error) => deps.logger.error({ queue: MAINTENANCE_QUEUE, jobId: job?.id, err: error.message }, 'job failed'));
  worker.on('error', (error) => deps.logger.warn({ queue: MAINTENANCE_QUEUE, err: error.message }, 'worker error'));
  return {
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
