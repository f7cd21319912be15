import type { Container } from '../container.ts';
import { startMaintenanceWorker } from '../modules/maintenance/maintenance.worker.ts';

/** Every background consumer of this process. close() lets running jobs finish first. */
export async function startWorkerRole(container: Container, redisUrl: string) {
  const deps = { redisUrl, prefix: container.queuePrefix, db: container.db.db, clock: container.clock, logger: container.logger };
  const workers = [await startMaintenanceWorker(deps)];
  return {
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
