import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * Producer-side handles on every queue, for reading them (metrics' depths, the operators' queue
 * view): one Redis connection shared by all, made on first use, failing fast while Redis is away.
 */
export function createQueueHandles(deps: { redisUrl: string; prefix: string; names: () => string[] }) {
  let connection: Redis | null = null;
  let queues: Queue[] | null = null;
  return {
    all(): Queue[] {
      if (!queues) {
        connection = new Redis(deps.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (attempt) => Math.min(attempt * 100, 500) });
        connection.on('error', () => undefined); // readers report their own failures
        queues = deps.names().map((name) => {
          const queue = new Queue(name, { connection: connection!, prefix: deps.prefix });
          queue.on('error', () => undefined);
          return queue;
        });
      }
      return queues;
    },
    async close() {
      await Promise.all((queues ?? []).map((queue) => queue.close().catch(() => undefined)));
      connection?.disconnect();
      queues = null;
      connection = null;
    },
  };
}

export type QueueHandles = ReturnType<typeof createQueueHandles>;
