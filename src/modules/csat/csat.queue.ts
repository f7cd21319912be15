import { Queue } from 'bullmq';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { producerConnection } from '../../shared/queues.ts';
import { defineQueue } from '../../shared/jobs.ts';
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

/**
 * The worker side: sends due surveys. A periodic sweep (and a recovery when Redis comes back)
 * sends what a lost job would have: the survey's row in Postgres says when it is due.
 */
export function csatQueue(deps: { csat: CsatService; clock: Clock; sweepEveryMs: number }) {
  const sendDue = async () => {
    for (const due of await deps.csat.dueSurveys(deps.clock.now())) await deps.csat.issue(due.id);
  };
  return defineQueue({
    name: CSAT_QUEUE,
    schema: JobSchema,
    concurrency: 10,
    schedules: [{ id: 'csat-sweep', every: deps.sweepEveryMs, data: { task: 'sweep' } }],
    recover: sendDue,
    async handle(data) {
      if (data.task === 'sweep') return sendDue();
      const result = await deps.csat.issue(data.surveyId);
      return typeof result === 'object' ? { retryAt: result.retryAt } : undefined;
    },
  });
}
