import { sql } from 'drizzle-orm';
import type { EventSubscriber } from '../events/events.relay.ts';
import type { EventType } from '../events/catalogue.ts';
import { refreshTickets } from './facts.apply.ts';

export const REPORTS_SUBSCRIBER = 'reports';

/** Every event that can change a ticket's facts (a warning changes none). */
const TYPES = ['ticket.created', 'ticket.updated', 'ticket.classified', 'message.created', 'sla.breached', 'csat.requested', 'csat.received'] as const satisfies readonly EventType[];

/**
 * Keeps the report facts, spans and daily rollup. For each ticket a batch of events touched, its
 * facts are computed again from the source tables and the difference is applied, in the
 * transaction that moves the cursor: the rollup commits with the cursor or not at all, and a
 * redelivered batch finds nothing to change. Recomputing (rather than adding what an event says)
 * also makes it right whatever order concurrent writers committed in: the last event of a ticket
 * is relayed after its transaction committed, so its recomputation sees the final state.
 */
export function reportsSubscriber(): EventSubscriber {
  return {
    name: REPORTS_SUBSCRIBER,
    types: TYPES,
    async handle(events, tx) {
      const ids = [...new Set(events.map((e) => e.ticketId).filter((id): id is string => !!id))];
      if (ids.length) await refreshTickets(tx, sql`k.id = ANY(${sql.param(ids)}::text[])`);
    },
  };
}
