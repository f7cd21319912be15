import { Queue } from 'bullmq';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { producerConnection } from '../../shared/queues.ts';
import { defineQueue } from '../../shared/jobs.ts';
import type { DueDelivery } from './deliveries.repository.ts';
import type { DeliveryRunner } from './delivery-runner.ts';
import type { DeliverySweeper } from './delivery-sweeper.ts';

export const WEBHOOKS_QUEUE = 'webhooks';

/** Payloads carry ids only: the delivery's row has the rest, and secrets never leave Postgres. */
const JobSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('send'), deliveryId: z.string().min(1).max(64) }),
  z.object({ task: z.literal('sweep') }),
  z.object({ task: z.literal('purge') }),
]);

/** One job per attempt: the id names the delivery and the attempts it had, so an enqueue twice is one job. */
export const sendJobId = (delivery: DueDelivery) => `${delivery.id}-a${delivery.attempts}`;

export interface DeliveryScheduler {
  /** Enqueues attempts, each at its `at` (now when absent). Failures are logged: the sweeper re-enqueues. */
  enqueue(deliveries: (DueDelivery & { at?: Date })[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The producer side. Its Redis connection is opened on first use: a process with no webhook
 * endpoints (most tests, a service nobody subscribed to) holds none.
 */
export function createDeliveryScheduler(deps: { redisUrl: string; prefix: string; clock: Clock; logger: Logger }): DeliveryScheduler {
  let queue: Queue | undefined;
  const open = () => {
    if (!queue) {
      queue = new Queue(WEBHOOKS_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
      queue.on('error', () => undefined); // connection trouble surfaces in enqueue() and readiness
    }
    return queue;
  };
  return {
    async enqueue(deliveries) {
      if (deliveries.length === 0) return;
      const queue = open();
      const now = deps.clock.now().getTime();
      const jobs = deliveries.map((d) => ({
        name: 'send',
        data: { task: 'send' as const, deliveryId: d.id },
        // A job that fails for want of Postgres is retried a few times, then dropped: the row is
        // still due, and the sweeper enqueues it again (a kept failed job would block its id).
        opts: { jobId: sendJobId(d), delay: Math.max(0, (d.at?.getTime() ?? now) - now), removeOnComplete: true, removeOnFail: true, attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
      }));
      try {
        for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message, deliveries: deliveries.length }, 'webhook deliveries not enqueued; the sweeper will');
      }
    },
    close: async () => {
      await queue?.close();
    },
  };
}

/**
 * The worker side: sends deliveries, sweeps on a schedule (what Redis lost, what a crashed sender
 * held) and purges the old log. A recovery (start, Redis back) sweeps without grace.
 */
export function webhooksQueue(deps: { runner: DeliveryRunner; scheduler: DeliveryScheduler; sweeper: DeliverySweeper; sweepEveryMs: number; purgeEveryMs: number }) {
  return defineQueue({
    name: WEBHOOKS_QUEUE,
    schema: JobSchema,
    concurrency: 16,
    schedules: [
      { id: 'webhooks-sweep', every: deps.sweepEveryMs, data: { task: 'sweep' } },
      { id: 'webhooks-purge', every: deps.purgeEveryMs, data: { task: 'purge' } },
    ],
    recover: async () => {
      await deps.sweeper.sweep({ graceMs: 0 });
    },
    async handle(data, { log }) {
      if (data.task === 'sweep') {
        await deps.sweeper.sweep();
        return;
      }
      if (data.task === 'purge') {
        const purged = await deps.sweeper.purge();
        if (purged) log.info({ purged }, 'old webhook deliveries purged');
        return;
      }
      const result = await deps.runner.attempt(data.deliveryId);
      await deps.scheduler.enqueue(result.enqueue);
      if (result.outcome !== 'not_claimed') log.debug({ deliveryId: data.deliveryId, outcome: result.outcome }, 'webhook attempt');
      // Went off before its time (clock skew): the same job waits again.
      return result.retryAt ? { retryAt: result.retryAt } : undefined;
    },
  });
}
