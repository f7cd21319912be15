import type { Database, Executor } from '../../db/client.ts';
import { createUnitOfWork, type Lock, type UnitOfWork } from '../../db/unit-of-work.ts';
import { createTicketRepository } from './tickets.repository.ts';
import { createMessageRepository } from '../messages/messages.repository.ts';
import { createEventRepository } from '../events/events.repository.ts';
import { createCustomerRepository } from '../customers/customers.repository.ts';
import { createAgentRepository } from '../agents/agents.repository.ts';
import { createTeamRepository } from '../teams/teams.repository.ts';
import { createCorrectionRepository } from '../classification/corrections.repository.ts';
import { createPolicyRepository, createSlaRepository } from '../sla/sla.repository.ts';
import { createCalendarRepository } from '../calendars/calendars.repository.ts';
import { createRoutingRepository, createRoutingRuleRepository } from '../routing/routing.repository.ts';
import { createSuggestionRepository } from '../suggestions/suggestions.repository.ts';

/**
 * What a change to a ticket touches in its one transaction: the ticket and its messages and
 * events, and what runs inside it for other features (the customer it resolves, the SLA targets
 * it starts and stops, an agent's classification correction, the routing rules' turns). Functions take the slice they use
 * (`Pick<TicketWrites, …>`); this is the one place that binds them to a transaction.
 */
export function ticketWriteRepositories(executor: Executor) {
  return {
    tickets: createTicketRepository(executor),
    messages: createMessageRepository(executor),
    events: createEventRepository(executor),
    customers: createCustomerRepository(executor),
    agents: createAgentRepository(executor),
    teams: createTeamRepository(executor),
    corrections: createCorrectionRepository(executor),
    sla: createSlaRepository(executor),
    policies: createPolicyRepository(executor),
    calendars: createCalendarRepository(executor),
    routing: createRoutingRepository(executor),
    routingRules: createRoutingRuleRepository(executor),
    /** A macro applied from the suggestions records their use with the change. */
    suggestions: createSuggestionRepository(executor),
  };
}

export type TicketWrites = ReturnType<typeof ticketWriteRepositories> & { lock: Lock };
export type TicketUnitOfWork = UnitOfWork<ReturnType<typeof ticketWriteRepositories>>;

export const createTicketUnitOfWork = (db: Database): TicketUnitOfWork => createUnitOfWork(db, ticketWriteRepositories);
