import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { analyzeSentiment } from '../classification/sentiment.ts';
import type { CHANNELS } from '../tickets/tickets.table.ts';
import { createTopicRepository, type MessageSignalRow, type TicketTopicRow } from './topics.repository.ts';
import type { TopicExtractor } from './topic-extractor.ts';
import { prepareText } from './topic-text.ts';

/** A customer message as the indexer needs it (a `message.created` event's message, or a stored row). */
export interface IndexableMessage {
  id: string;
  ticketId: string;
  customerId: string | null;
  channel: (typeof CHANNELS)[number] | null;
  body: string;
  receivedAt: Date | null;
  createdAt: Date;
}

/** A stored customer message as the queries below read it. */
type StoredMessageRow = { id: string; ticket_id: string; customer_id: string | null; channel: IndexableMessage['channel']; body: string; received_at: string | null; created_at: string };
const STORED_MESSAGE_COLUMNS = sql`m.id, m.ticket_id, m.customer_id, m.channel, m.body, m.received_at, m.created_at`;

const indexableOf = (r: StoredMessageRow): IndexableMessage => ({
  id: r.id,
  ticketId: r.ticket_id,
  customerId: r.customer_id,
  channel: r.channel,
  body: r.body,
  receivedAt: r.received_at ? new Date(r.received_at) : null,
  createdAt: new Date(r.created_at),
});

type TicketOfMessage = { customerId: string | null; channel: MessageSignalRow['channel']; type: MessageSignalRow['type'] };

/** A message's signal row: what crisis detection counts (no text: the body only decides `negative`). */
function signalOf(message: IndexableMessage, ticket: TicketOfMessage, lower: string): MessageSignalRow {
  return {
    ticketId: message.ticketId,
    messageId: message.id,
    customerId: message.customerId ?? ticket.customerId,
    channel: message.channel ?? ticket.channel,
    type: ticket.type,
    negative: analyzeSentiment(lower).label === 'negative',
    receivedAt: message.receivedAt ?? message.createdAt,
  };
}

/**
 * The signal rows of the customer messages of these tickets that have none yet, without topics:
 * for an erasure, which removes the text before the relay may have got to it (the relay then skips
 * an erased message). Crisis counts keep the message; nothing of its words is kept.
 */
export async function recordPendingSignals(tx: Executor, ticketIds: readonly string[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const { rows } = await tx.execute<StoredMessageRow>(sql`
    SELECT ${STORED_MESSAGE_COLUMNS} FROM messages m
    WHERE m.ticket_id = ANY(${sql.param(ticketIds)}::text[]) AND m.author = 'customer'
      AND NOT EXISTS (SELECT 1 FROM message_signals s WHERE s.message_id = m.id)`);
  if (rows.length === 0) return 0;
  const repo = createTopicRepository(tx);
  const ticketsById = await repo.ticketsOf([...new Set(rows.map((r) => r.ticket_id))]);
  const signals: MessageSignalRow[] = [];
  for (const r of rows) {
    const ticket = ticketsById.get(r.ticket_id);
    if (!ticket) continue;
    signals.push(signalOf(indexableOf(r), ticket, prepareText(r.body).lower));
  }
  await repo.insertSignals(signals);
  return signals.length;
}

/**
 * Turns customer messages into what reports and crisis detection count: a signal row per message
 * (receivedAt, channel, type, negative sentiment) and the ticket's topics. The relay subscriber
 * and the backfill of stored messages both go through here, so live intake and an import of
 * history are indexed the same way.
 */
export function createTopicIndexer(deps: { extractor: () => TopicExtractor }) {
  return {
    async index(tx: Executor, messages: IndexableMessage[]): Promise<{ signals: number; topics: number }> {
      if (messages.length === 0) return { signals: 0, topics: 0 };
      const repo = createTopicRepository(tx);
      const ticketsById = await repo.ticketsOf([...new Set(messages.map((m) => m.ticketId))]);
      const extract = deps.extractor();
      const signals: MessageSignalRow[] = [];
      const topics = new Map<string, TicketTopicRow>();
      for (const message of messages) {
        const ticket = ticketsById.get(message.ticketId);
        if (!ticket) continue;
        const prepared = prepareText(message.body);
        const base = signalOf(message, ticket, prepared.lower);
        signals.push(base);
        for (const topic of extract(message.body, prepared)) {
          const key = `${message.ticketId}\u0000${topic.key}`;
          const seen = topics.get(key);
          if (!seen || base.receivedAt < seen.receivedAt!) topics.set(key, { ...base, topic: topic.key, label: topic.label, product: topic.product });
        }
      }
      await repo.insertSignals(signals);
      await repo.insertTopics([...topics.values()]);
      return { signals: signals.length, topics: topics.size };
    },

    followType: (tx: Executor, ticketId: string, type: TicketTopicRow['type']) => createTopicRepository(tx).followType(ticketId, type ?? null),

    /**
     * Indexes stored customer messages that have no signal yet, oldest first, in batches: for
     * history loaded straight into the database (a migration from another helpdesk, generated test
     * data), which never went through the relay.
     */
    async backfill(db: Executor, options: { batch?: number } = {}): Promise<number> {
      const batch = options.batch ?? 2_000;
      let total = 0;
      for (;;) {
        const { rows } = await db.execute<StoredMessageRow>(sql`
          SELECT ${STORED_MESSAGE_COLUMNS} FROM messages m
          WHERE m.author = 'customer' AND NOT EXISTS (SELECT 1 FROM message_signals s WHERE s.message_id = m.id)
          ORDER BY m.id LIMIT ${batch}`);
        if (rows.length === 0) return total;
        await this.index(db, rows.map(indexableOf));
        total += rows.length;
      }
    },
  };
}

export type TopicIndexer = ReturnType<typeof createTopicIndexer>;
