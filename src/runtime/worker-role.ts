import type { Container } from '../container.ts';
import { startMaintenanceWorker } from '../modules/maintenance/maintenance.worker.ts';
import { startSlaWorker } from '../modules/sla/sla.worker.ts';
import { createSlaSweeper } from '../modules/sla/sla.sweeper.ts';
import { createSlaRecompute } from '../modules/sla/sla-recompute.ts';
import { startCsatWorker } from '../modules/csat/csat.queue.ts';

/** How often the SLA sweeper runs; timers fire on their own, the sweep only repairs. */
const SWEEP_EVERY_MS = 5_000;

/** Every background consumer of this process. close() lets running jobs finish first. */
export async function startWorkerRole(container: Container, redisUrl: string) {
  const deps = { redisUrl, prefix: container.queuePrefix, db: container.db.db, clock: container.clock, logger: container.logger };
  const { sla } = container;
  const sweeper = createSlaSweeper({
    uow: container.uow,
    firing: sla.firing,
    timers: sla.timers,
    redis: container.redis,
    prefix: container.queuePrefix,
    clock: container.clock,
    logger: container.logger,
    recentMs: SWEEP_EVERY_MS * 6,
    overdueGraceMs: SWEEP_EVERY_MS,
  });
  const workers = [
    await startCsatWorker({ redisUrl, prefix: container.queuePrefix, csat: container.services.csat, clock: container.clock, logger: container.logger, sweepEveryMs: 30_000 }),
    await startMaintenanceWorker(deps),
    await startSlaWorker({ redisUrl, prefix: container.queuePrefix, firing: sla.firing, timers: sla.timers, sweeper, logger: container.logger, sweepEveryMs: SWEEP_EVERY_MS,
      recompute: createSlaRecompute({ uow: container.uow, engine: sla.engine, timers: sla.timers, clock: container.clock }) }),
  ];
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
