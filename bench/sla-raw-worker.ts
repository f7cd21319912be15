// The ceiling for `npm run bench:sla`: a bare BullMQ worker (same connection settings and
// concurrency as the service's SLA queue) that does nothing but note when each delayed job
// reached it. Lateness is then what BullMQ and Redis themselves add on this machine, in this run.
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { workerConnection, workerRedisOptions } from '../src/shared/queues.ts';

const { REDIS_URL, QUEUE_PREFIX, RAW_QUEUE, RAW_CONCURRENCY } = process.env;
if (!REDIS_URL || !QUEUE_PREFIX || !RAW_QUEUE) throw new Error('REDIS_URL, QUEUE_PREFIX and RAW_QUEUE are required');

const redis = new Redis(REDIS_URL, workerRedisOptions);
const worker = new Worker(
  RAW_QUEUE,
  async (job) => {
    const lateness = Date.now() - (job.data as { dueAt: number }).dueAt;
    // One write per job, as the service writes one event per breach (its batches aside).
    await redis.rpush(`${QUEUE_PREFIX}:raw:fired`, `${job.id} ${lateness}`);
  },
  { connection: workerConnection(REDIS_URL), prefix: QUEUE_PREFIX, concurrency: Number(RAW_CONCURRENCY ?? 50) },
);
await worker.waitUntilReady();
process.on('SIGTERM', () => {
  void worker.close().then(() => redis.quit()).then(() => process.exit(0));
});
