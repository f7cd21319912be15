import type { Container } from '../container.ts';
import { startQueues } from '../shared/jobs.ts';

/**
 * Every background consumer of this process: each module's queues (BullMQ workers, schedules,
 * recovery when Redis comes back) and the event relay to each module's subscribers.
 * close() lets running jobs finish first.
 */
export async function startWorkerRole(container: Container, redisUrl: string) {
  const queues = startQueues(
    container.modules.flatMap((m) => m.queues ?? []),
    { redisUrl, prefix: container.queuePrefix, logger: container.logger, observe: container.metrics.observers.job },
  );
  const relay = container.relay.start();
  return {
    recovered: queues.recovered,
    async close() {
      await relay.stop();
      await queues.close();
    },
  };
}
