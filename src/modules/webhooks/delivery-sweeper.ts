import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.ts';
import type { DeliveryRepository } from './deliveries.repository.ts';
import type { DeliveryScheduler } from './webhooks.queue.ts';
import { DELIVERY_RETENTION_MS } from './retry-policy.ts';

/**
 * The safety net under the delivery jobs: Postgres says what is due, so whatever Redis lost (a
 * restart without its data, an enqueue that failed after a commit) or a crashed sender held is
 * enqueued again. Job ids name the attempt, so a delivery whose job still waits is not doubled;
 * and the claim decides who sends, so a sweep racing a job sends nothing twice.
 */
export function createDeliverySweeper(deps: {
  deliveries: Pick<DeliveryRepository, 'due' | 'purgeSettled'>;
  scheduler: Pick<DeliveryScheduler, 'enqueue'>;
  clock: Clock;
  logger: Logger;
  /** due by more than this before the sweeper steps in: a job that is merely busy sends it itself */
  graceMs: number;
  batch?: number;
}) {
  return {
    async sweep(options: { graceMs?: number } = {}): Promise<number> {
      const now = deps.clock.now();
      const due = await deps.deliveries.due(new Date(now.getTime() - (options.graceMs ?? deps.graceMs)), now, deps.batch ?? 1_000);
      await deps.scheduler.enqueue(due);
      if (due.length && options.graceMs === 0) deps.logger.info({ deliveries: due.length }, 'webhook deliveries re-enqueued from Postgres');
      return due.length;
    },
    /** Delivered and given-up deliveries older than the retention, in batches. */
    async purge(): Promise<number> {
      const before = new Date(deps.clock.now().getTime() - DELIVERY_RETENTION_MS);
      let total = 0;
      for (let n = 1; n > 0; total += n) n = await deps.deliveries.purgeSettled(before, 5_000);
      return total;
    },
  };
}

export type DeliverySweeper = ReturnType<typeof createDeliverySweeper>;
