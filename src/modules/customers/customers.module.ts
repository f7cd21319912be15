import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createUnitOfWork } from '../../db/unit-of-work.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { TicketService } from '../tickets/tickets.service.ts';
import { createCustomerRepository } from './customers.repository.ts';
import { createCustomerService } from './customers.service.ts';
import { customerRoutes } from './customers.routes.ts';

export function customersModule(deps: { db: Database; clock: Clock; tickets: TicketService }): FeatureModule {
  const customers = createCustomerService({ uow: createUnitOfWork(deps.db, (executor) => ({ customers: createCustomerRepository(executor) })), clock: deps.clock });
  return { name: 'customers', routes: [routes(customerRoutes, { customers, tickets: deps.tickets })] };
}
