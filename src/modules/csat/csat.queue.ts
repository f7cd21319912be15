import { DelayedError, Queue, Worker } from 'bullmq';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { producerConnection, workerConnection } from '../../shared/queues.ts';
import type { CsatService, SurveyScheduler } from './csat.service.ts';

export const CSAT_QUEUE = 'csat';

const JobSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('issue'), surveyId: z.string().min(1).max(64) }),
  z.object({ task: z.literal('sweep') }),
]);

const jobId = (surveyId: string) => `survey_${surveyId}`;

/** The API side: a delayed job per survey (its row in Postgres already says when it is due). */
export function createSurveyScheduler(deps: { redisUrl: string; prefix: string; clock: Clock; logger: Logger }): SurveyScheduler & { close(): Promise<void> } {
  const queue = new Queue(CSAT_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
  queue.on('error', () => undefined);
  return {
    async schedule(surveyId, sendAt) {
      try {
        await queue.add(
          'issue',
          { task: 'issue', surveyId },
          { jobId: jobId(surveyId), delay: Math.max(0, sendAt.getTime() - deps.clock.now().getTime()), removeOnComplete: true, removeOnFail: 1000, attempts: 10, backoff: { type: 'exponential', delay: 500 } },
        );
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message }, 'survey not queued; the sweep will send it');
      }
    },
    async cancel(surveyId) {
      await queue.remove(jobId(surveyId)).catch(() => 0);
    },
    close: () => queue.close(),
  };
}

/** Sends due surveys; a sweep every minute sends what a lost job would have. */
export async function startCsatWorker(deps: { redisUrl: string; prefix: string; csat: CsatService; clock: Clock; logger: Logger; sweepEveryMs: number }) {
  const scheduler = new Queue(CSAT_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
  await scheduler.upsertJobScheduler('csat-sweep', { every: deps.sweepEveryMs }, { name: 'sweep', data: { task: 'sweep' }, opts: { removeOnComplete: true, removeOnFail: 100 } });
  await scheduler.close();
  const worker = new Worker(
    CSAT_QUEUE,
    async (job, token) => {
      const data = JobSchema.parse(job.data);
      if (data.task === 'sweep') {
        for (const due of await deps.csat.dueSurveys(deps.clock.now())) await deps.csat.issue(due.id);
        return;
      }
      const result = await deps.csat.issue(data.surveyId);
      if (typeof result === 'object') {
        await job.moveToDelayed(result.retryAt.getTime(), token);
        throw new DelayedError();
      }
    },
    { connection: workerConnection(deps.redisUrl), prefix: deps.prefix, concurrency: 10 },
  );
  worker.on('failed', (job, error) => deps.logger.error({ queue: CSAT_QUEUE, jobId: job?.id, err: error.message }, 'survey job failed'));
  worker.on('error', (error) => deps.logger.warn({ queue: CSAT_QUEUE, err: error.message }, 'survey worker error'));
  return { close: () => worker.close() };
}
