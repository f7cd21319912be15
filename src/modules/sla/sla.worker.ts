import type { Logger } from 'pino';
import { defineQueue } from '../../shared/jobs.ts';
import type { SlaFiring } from './sla-fire.ts';
import { SLA_QUEUE, SlaJobSchema, type SlaTimers } from './sla.queue.ts';
import type { SlaSweeper } from './sla.sweeper.ts';

/**
 * The SLA queue: timers that fire, the sweeper on a schedule (the safety net that fires what a
 * lost timer would have, and arms timers as they come within the horizon), and recomputes after
 * a policy or calendar change. When Redis comes back (or a worker starts) the sweeper runs at once
 * with no grace: what came due while it was away fires now, from Postgres.
 */
export function slaQueue(deps: {
  firing: SlaFiring;
  timers: SlaTimers;
  sweeper: SlaSweeper;
  recompute: (scope: { calendarId?: string | undefined }) => Promise<number>;
  logger: Logger;
  sweepEveryMs: number;
  observe?: { slaTimerFired(kind: 'warning' | 'breach', latenessSeconds: number): void } | undefined;
}) {
  return defineQueue({
    name: SLA_QUEUE,
    schema: SlaJobSchema,
    concurrency: 50,
    schedules: [{ id: 'sla-sweep', every: deps.sweepEveryMs, data: { task: 'sweep' } }],
    recover: async () => {
      await deps.sweeper.sweep({ overdueGraceMs: 0 });
    },
    async handle(data, { log, scheduledFor }) {
      if (data.task === 'sweep') {
        await deps.sweeper.sweep();
        return;
      }
      if (data.task === 'recompute') {
        const tickets = await deps.recompute({ calendarId: data.calendarId });
        log.info({ tickets, calendarId: data.calendarId }, 'SLA targets recomputed');
        return;
      }
      const result = await deps.firing.fire(data.targetId, data.kind);
      // This job is the timer of its own (target, kind): it completes, nothing to remove.
      await deps.timers.schedule(result.intents.filter((i) => !(i.targetId === data.targetId && i.kind === data.kind && !i.fireAt)));
      if (result.outcome === 'fired') {
        log.debug({ kind: data.kind }, 'SLA timer fired');
        // A timer is armed for its target's due time (or warning time): the job's due time is the
        // target's. Wall-clock time on both sides, as BullMQ keeps its timestamps.
        if (scheduledFor) deps.observe?.slaTimerFired(data.kind, (Date.now() - scheduledFor.getTime()) / 1000);
      }
      // Went off before its time (clock skew): the same job waits again rather than being lost.
      return result.retryAt ? { retryAt: result.retryAt } : undefined;
    },
  });
}
