import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { SlaModule } from '../sla/sla.module.ts';
import { createTicketUnitOfWork } from './ticket-writes.ts';
import { createTicketService, type ClassifyFn } from './tickets.service.ts';
import { ticketRoutes } from './tickets.routes.ts';

export function ticketsModule(deps: { db: Database; clock: Clock; classify?: ClassifyFn | undefined; sla: Pick<SlaModule, 'engine' | 'timers'> }) {
  const service = createTicketService({ uow: createTicketUnitOfWork(deps.db), clock: deps.clock, classify: deps.classify, sla: deps.sla });
  const module: FeatureModule = { name: 'tickets', routes: [routes(ticketRoutes, { tickets: service })] };
  return { service, module };
}
