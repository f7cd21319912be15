import { z } from 'zod';
import type { EventSubscriber } from '../events/events.relay.ts';
import { CHANNELS, TICKET_TYPES } from '../tickets/tickets.table.ts';
import type { IndexableMessage, TopicIndexer } from './topic-indexer.ts';
import { ERASED } from '../privacy/scrub.ts';

const MessageCreated = z.object({
  message: z.object({
    id: z.string(),
    ticketId: z.string(),
    author: z.string(),
    body: z.string(),
    customerId: z.string().nullable(),
    channel: z.enum(CHANNELS).nullable(),
    receivedAt: z.string().nullable(),
    createdAt: z.string(),
  }),
});

const TypeChanged = z.object({ changes: z.object({ type: z.object({ to: z.enum(TICKET_TYPES).nullable() }) }) });

/**
 * Topics and crisis signals are derived from committed events, not in the intake transaction:
 * intake stays as fast as it was (the relay indexes a batch of up to 500 messages with a few
 * statements), and what is written commits with the relay's cursor, so each message is indexed
 * exactly once. An agent's change of a ticket's type follows, in event order.
 */
export function topicsSubscriber(deps: { indexer: TopicIndexer }): EventSubscriber {
  return {
    name: 'topics',
    types: ['message.created', 'ticket.updated'],
    async handle(events, tx) {
      let pending: IndexableMessage[] = [];
      const flush = async () => {
        await deps.indexer.index(tx, pending);
        pending = [];
      };
      for (const event of events) {
        if (event.type === 'message.created') {
          const parsed = MessageCreated.safeParse(event.data);
          if (!parsed.success || parsed.data.message.author !== 'customer') continue;
          // Erased before the relay got here (modules/privacy rewrote the event): nothing to index.
          if (parsed.data.message.body === ERASED) continue;
          const m = parsed.data.message;
          pending.push({ ...m, receivedAt: m.receivedAt ? new Date(m.receivedAt) : null, createdAt: new Date(m.createdAt) });
        } else if (event.ticketId) {
          const parsed = TypeChanged.safeParse(event.data);
          if (!parsed.success) continue;
          await flush(); // the messages before the change get the old type, then move with it
          await deps.indexer.followType(tx, event.ticketId, parsed.data.changes.type.to);
        }
      }
      await flush();
    },
  };
}
