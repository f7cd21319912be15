import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { SlaModule } from '../sla/sla.module.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import { createTicketUnitOfWork } from './ticket-writes.ts';
import { createTicketService, type ClassifyFn } from './tickets.service.ts';
import { ticketRoutes } from './tickets.routes.ts';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { producerConnection } from '../../shared/queues.ts';
import { BULK_QUEUE, bulkQueue, createBulkJobs } from './bulk-jobs.ts';
import { bulkRoutes } from './bulk.routes.ts';

export function ticketsModule(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  redisUrl: string;
  prefix: string;
  classify?: ClassifyFn | undefined;
  sla: Pick<SlaModule, 'engine' | 'timers'>;
  routing?: RoutingEngine | undefined;
}) {
  const service = createTicketService({ uow: createTicketUnitOfWork(deps.db), clock: deps.clock, classify: deps.classify, sla: deps.sla, routing: deps.routing });
  const queue = new Queue(BULK_QUEUE, { connection: producerConnection(deps.redisUrl), prefix: deps.prefix });
  queue.on('error', () => undefined);
  // A job Redis did not get is started by the worker's recovery (it runs every unfinished one).
  const enqueue = (id: string) =>
    queue
      .add('run', { bulkJobId: id }, { jobId: id, removeOnComplete: true, removeOnFail: 100, attempts: 20, backoff: { type: 'exponential', delay: 500 } })
      .then(() => undefined, (error: unknown) => deps.logger.warn({ err: (error as Error).message }, 'bulk job not queued; the worker recovers it'));
  const bulk = createBulkJobs({ db: deps.db, clock: deps.clock, tickets: service, enqueue });
  const module: FeatureModule = {
    name: 'tickets',
    routes: [routes(ticketRoutes, { tickets: service }), routes(bulkRoutes, { bulk })],
    queues: [bulkQueue({ bulk, enqueue })],
    close: () => queue.close().catch(() => undefined),
  };
  return { service, bulk, module };
}
