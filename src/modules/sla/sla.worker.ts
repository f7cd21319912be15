import { DelayedError, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { workerConnection, producerConnection } from '../../shared/queues.ts';
import type { SlaFiring } from './sla-fire.ts';
import { SLA_QUEUE, SlaJobSchema, type SlaTimers } from './sla.queue.ts';
import type { SlaSweeper } from './sla.sweeper.ts';

export interface SlaWorkerOptions {
  redisUrl: string;
  prefix: string;
  firing: SlaFiring;
  timers: SlaTimers;
  sweeper: SlaSweeper;
  recompute: (scope: { calendarId?: string | undefined }) => Promise<number>;
  logger: Logger;
  sweepEveryMs: number;
  concurrency?: number;
}

/** Consumes SLA timers and runs the sweeper on a BullMQ job scheduler (one schedule across workers). */
export async function startSlaWorker(options: SlaWorkerOptions) {
  const { firing, timers, sweeper, logger } = options;
  const scheduler = new Queue(SLA_QUEUE, { connection: producerConnection(options.redisUrl), prefix: options.prefix });
  await scheduler.upsertJobScheduler('sla-sweep', { every: options.sweepEveryMs }, {
    name: 'sweep',
    data: { task: 'sweep' },
    opts: { removeOnComplete: true, removeOnFail: 100 },
  });
  await scheduler.close();

  const worker = new Worker(
    SLA_QUEUE,
    async (job, token) => {
      const data = SlaJobSchema.parse(job.data);
      const log = logger.child({ queue: SLA_QUEUE, jobId: job.id });
      if (data.task === 'sweep') {
        await sweeper.sweep();
        return;
      }
      if (data.task === 'recompute') {
        const tickets = await options.recompute({ calendarId: data.calendarId });
        log.info({ tickets, calendarId: data.calendarId }, 'SLA targets recomputed');
        return;
      }
      const result = await firing.fire(data.targetId, data.kind);
      // This job is the timer of its own (target, kind): it completes, nothing to remove.
      await timers.schedule(result.intents.filter((i) => !(i.targetId === data.targetId && i.kind === data.kind && !i.fireAt)));
      if (result.retryAt) {
        // Went off before its time (clock skew): the same job waits again rather than being lost.
        await job.moveToDelayed(result.retryAt.getTime(), token);
        throw new DelayedError();
      }
      if (result.outcome === 'fired') log.debug({ kind: data.kind }, 'SLA timer fired');
    },
    { connection: workerConnection(options.redisUrl), prefix: options.prefix, concurrency: options.concurrency ?? 50 },
  );
  worker.on('failed', (job, error) => logger.error({ queue: SLA_QUEUE, jobId: job?.id, err: error.message }, 'SLA job failed'));
  worker.on('error', (error) => logger.warn({ queue: SLA_QUEUE, err: error.message }, 'SLA worker error'));
  return {
    worker,
    close: () => worker.close(),
  };
}
