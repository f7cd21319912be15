import { z } from 'zod';
import type { EventSubscriber } from '../events/events.relay.ts';
import { indexSolvedTickets, readSolvedTickets } from './answer-index.ts';

const Solved = z.object({ changes: z.object({ status: z.object({ to: z.literal('solved') }) }) });

/**
 * Solved tickets join the answer index from their committed `ticket.updated` event: the solve
 * stays as fast as it was, and the index commits with the relay's cursor, so each solve is read
 * once. It reads the ticket as it is then (reopened since: left out until solved again).
 */
export function suggestionsSubscriber(): EventSubscriber {
  return {
    name: 'suggestions',
    types: ['ticket.updated'],
    async handle(events, tx) {
      const ids = [...new Set(events.filter((e) => e.ticketId && Solved.safeParse(e.data).success).map((e) => e.ticketId!))];
      if (ids.length) await indexSolvedTickets(tx, await readSolvedTickets(tx, ids));
    },
  };
}
