import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.ts';
import { producerConnection } from '../../shared/queues.ts';
import { timerJobId, type TimerIntent, type TimerKind } from './timer-intents.ts';

export const SLA_QUEUE = 'sla';

/**
 * Only timers that go off within this horizon live in Redis; later ones are armed by the sweeper
 * as their time approaches. Redis stays small, and a ticket with a three-day resolution target
 * costs the API no Redis write now.
 */
export const ARM_HORIZON_MS = 10 * 60 * 1000;

/** Parsed when a job leaves Redis: a payload is data from outside, never cast. */
export const SlaJobSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('fire'), targetId: z.string().min(1).max(64), kind: z.enum(['warning', 'breach']) }),
  z.object({ task: z.literal('sweep') }),
  z.object({ task: z.literal('recompute'), calendarId: z.string().max(64).optional() }),
]);

const JOB_OPTIONS: JobsOptions = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 10,
  backoff: { type: 'exponential', delay: 200 },
};

/**
 * The API side of SLA timers: after a commit, arm the timers the change needs and drop the ones
 * it made obsolete. Failures are logged, not thrown: Postgres already holds the deadline, and the
 * worker's sweeper re-arms (or fires) anything Redis did not get.
 */
export function createSlaTimers(deps: { redisUrl: string; prefix: string; clock: Clock; logger: Logger }) {
  const queue = new Queue(SLA_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
  queue.on('error', () => undefined); // connection errors surface in schedule() and readiness

  function jobFor(targetId: string, kind: TimerKind, fireAt: Date) {
    return {
      name: `fire-${kind}`,
      data: { task: 'fire' as const, targetId, kind },
      opts: { ...JOB_OPTIONS, jobId: timerJobId(targetId, kind, fireAt), delay: Math.max(0, fireAt.getTime() - deps.clock.now().getTime()) },
    };
  }

  return {
    queue,
    async schedule(intents: TimerIntent[]): Promise<void> {
      if (intents.length === 0) return;
      try {
        const obsolete = intents.filter((i) => i.previousFireAt).map((i) => timerJobId(i.targetId, i.kind, i.previousFireAt!));
        const until = deps.clock.now().getTime() + ARM_HORIZON_MS;
        const wanted = intents.filter((i) => i.fireAt && i.fireAt.getTime() <= until).map((i) => jobFor(i.targetId, i.kind, i.fireAt!));
        await Promise.all(obsolete.map((id) => queue.remove(id).catch(() => 0)));
        if (wanted.length) await queue.addBulk(wanted);
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message, timers: intents.length }, 'SLA timers not armed; the sweeper will');
      }
    },
    /**
     * Arms the timers of running targets that go off by `until` (default: all); existing job ids
     * are left alone by BullMQ, so this is idempotent.
     */
    async arm(targets: { id: string; dueAt: Date; warnAt: Date | null; warnedAt: Date | null }[], until = Infinity): Promise<void> {
      const jobs = targets.flatMap((t) => [
        ...(t.dueAt.getTime() <= until ? [jobFor(t.id, 'breach', t.dueAt)] : []),
        ...(t.warnAt && !t.warnedAt && t.warnAt.getTime() <= until ? [jobFor(t.id, 'warning', t.warnAt)] : []),
      ]);
      for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    },
    /** Asks the worker to recompute open tickets' targets after a policy or calendar change. */
    async requestRecompute(calendarId?: string): Promise<void> {
      try {
        await queue.add('recompute', { task: 'recompute', ...(calendarId ? { calendarId } : {}) }, { removeOnComplete: true, removeOnFail: 100, attempts: 5 });
      } catch (error) {
        deps.logger.warn({ err: (error as Error).message }, 'SLA recompute not queued; open tickets pick the change up on their next update');
      }
    },
    close: () => queue.close(),
  };
}

export type SlaTimers = ReturnType<typeof createSlaTimers>;
