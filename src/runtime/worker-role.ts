import type { Container } from '../container.ts';
import { startQueues } from '../shared/jobs.ts';

/**
 * Every background consumer of this process: each module's queues (BullMQ workers, schedules,
 * recovery when Redis comes back) and the event relay to each module's subscribers.
 * close() takes no more jobs and lets running ones and the relay's current batch finish, for up
 * to `graceMs`; what is cut short then is retried by another worker (handlers are idempotent).
 */
export async function startWorkerRole(container: Container, redisUrl: string) {
  const queues = startQueues(
    container.modules.flatMap((m) => m.queues ?? []),
    { redisUrl, prefix: container.queuePrefix, logger: container.logger, observe: container.metrics.observers.job },
  );
  const relay = container.relay.start();
  return {
    recovered: queues.recovered,
    async close(graceMs?: number) {
      // Both at once: the queues stop fetching while the relay finishes its batch.
      await Promise.all([relay.stop(), queues.close(graceMs)]);
    },
  };
}
