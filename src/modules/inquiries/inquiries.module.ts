import type { Clock } from '../../shared/clock.ts';
import { routes, type FeatureModule } from '../module.ts';
import type { ClassifyFn, TicketService } from '../tickets/tickets.service.ts';
import type { SlaEngine } from '../sla/sla-engine.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type pg from 'pg';
import type { Database } from '../../db/client.ts';
import { createTicketUnitOfWork } from '../tickets/ticket-writes.ts';
import { createInquiryService } from './inquiries.service.ts';
import { createIntakeInOneCall } from './intake-in-one-call.ts';
import { inquiryRoutes } from './inquiries.routes.ts';

/** Intake: one inbound message from a channel becomes a ticket, or joins one. */
export function inquiriesModule(deps: { clock: Clock; db: Database; pool: pg.Pool; tickets: TicketService; classify?: ClassifyFn | undefined; sla: SlaEngine; routing?: RoutingEngine }): FeatureModule {
  const openInOneCall = createIntakeInOneCall({ pool: deps.pool, read: createTicketUnitOfWork(deps.db).read, sla: deps.sla, routing: deps.routing });
  const inquiries = createInquiryService({ clock: deps.clock, tickets: deps.tickets, classify: deps.classify, sla: deps.sla, routing: deps.routing, openInOneCall });
  return { name: 'inquiries', routes: [routes(inquiryRoutes, { inquiries, tickets: deps.tickets })] };
}
