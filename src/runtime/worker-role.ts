import type { Container } from '../container.ts';
import { startQueues } from '../shared/jobs.ts';
import { maintenanceQueue } from '../modules/maintenance/maintenance.worker.ts';
import { slaQueue } from '../modules/sla/sla.worker.ts';
import { createSlaSweeper } from '../modules/sla/sla.sweeper.ts';
import { createSlaRecompute } from '../modules/sla/sla-recompute.ts';
import { csatQueue } from '../modules/csat/csat.queue.ts';

/**
 * How often the SLA sweeper runs. Timers fire on their own; the sweep repairs, and steps in for a
 * timer overdue by more than one interval. A second keeps "overdue timers fire within 2 s of a
 * recovery" (a Postgres that was down while they were due) with an index-only query a second.
 */
const SWEEP_EVERY_MS = 1_000;

/** Every background consumer of this process. close() lets running jobs finish first. */
export async function startWorkerRole(container: Container, redisUrl: string) {
  const { sla, clock, logger } = container;
  const sweeper = createSlaSweeper({
    uow: container.uow,
    firing: sla.firing,
    timers: sla.timers,
    redis: container.redis,
    prefix: container.queuePrefix,
    clock,
    logger,
    recentMs: 30_000,
    overdueGraceMs: SWEEP_EVERY_MS,
  });
  const queues = startQueues(
    [
      slaQueue({ firing: sla.firing, timers: sla.timers, sweeper, logger, sweepEveryMs: SWEEP_EVERY_MS,
        recompute: createSlaRecompute({ uow: container.uow, engine: sla.engine, timers: sla.timers, clock }) }),
      csatQueue({ csat: container.services.csat, clock, sweepEveryMs: 30_000 }),
      maintenanceQueue({ db: container.db.db, clock }),
    ],
    { redisUrl, prefix: container.queuePrefix, logger },
  );
  return {
    recovered: queues.recovered,
    close: () => queues.close(),
  };
}
