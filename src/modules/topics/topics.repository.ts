import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { tickets } from '../tickets/tickets.table.ts';
import type { messageSignals, ticketTopics } from './topics.tables.ts';

export type MessageSignalRow = typeof messageSignals.$inferInsert;
export type TicketTopicRow = typeof ticketTopics.$inferInsert;
type TicketType = (typeof tickets.$inferSelect)['type'];

/** Rows per statement (each column is one array parameter). */
const CHUNK = 5_000;

const textArray = (values: (string | null)[]) => sql`${sql.param(values)}::text[]`;
const timeArray = (values: Date[]) => sql`${sql.param(values.map((d) => d.toISOString()))}::timestamptz[]`;

const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

export function createTopicRepository(db: Executor) {
  return {
    /** What topic rows copy from their ticket: its type, channel and customer. */
    async ticketsOf(ids: string[]) {
      if (ids.length === 0) return new Map<string, { type: TicketType; channel: (typeof tickets.$inferSelect)['channel']; customerId: string }>();
      const rows = await db
        .select({ id: tickets.id, type: tickets.type, channel: tickets.channel, customerId: tickets.customerId })
        .from(tickets)
        .where(inArray(tickets.id, ids));
      return new Map(rows.map((r) => [r.id, r]));
    },
    /** One statement per chunk, the rows as arrays (unnest): far cheaper to send and plan than a VALUES list. */
    async insertSignals(rows: MessageSignalRow[]): Promise<void> {
      for (const part of chunks(rows)) {
        await db.execute(sql`
          INSERT INTO message_signals (message_id, ticket_id, customer_id, channel, type, negative, received_at)
          SELECT * FROM unnest(${textArray(part.map((r) => r.messageId))}, ${textArray(part.map((r) => r.ticketId))}, ${textArray(part.map((r) => r.customerId ?? null))},
            ${textArray(part.map((r) => r.channel))}, ${textArray(part.map((r) => r.type ?? null))}, ${sql.param(part.map((r) => r.negative))}::boolean[], ${timeArray(part.map((r) => r.receivedAt))})
          ON CONFLICT (message_id) DO NOTHING`);
      }
    },
    /** A ticket keeps the earliest mention of each topic, whatever order messages are indexed in (an import of history). */
    async insertTopics(rows: TicketTopicRow[]): Promise<void> {
      for (const part of chunks(rows)) {
        await db.execute(sql`
          INSERT INTO ticket_topics (ticket_id, topic, label, product, message_id, customer_id, channel, type, negative, received_at)
          SELECT * FROM unnest(${textArray(part.map((r) => r.ticketId))}, ${textArray(part.map((r) => r.topic))}, ${textArray(part.map((r) => r.label))},
            ${sql.param(part.map((r) => r.product))}::boolean[], ${textArray(part.map((r) => r.messageId))}, ${textArray(part.map((r) => r.customerId ?? null))},
            ${textArray(part.map((r) => r.channel))}, ${textArray(part.map((r) => r.type ?? null))}, ${sql.param(part.map((r) => r.negative))}::boolean[], ${timeArray(part.map((r) => r.receivedAt))})
          ON CONFLICT (ticket_id, topic) DO UPDATE SET label = excluded.label, product = excluded.product, message_id = excluded.message_id, customer_id = excluded.customer_id,
            channel = excluded.channel, negative = excluded.negative, received_at = excluded.received_at
          WHERE excluded.received_at < ticket_topics.received_at`);
      }
    },
    /** An agent's change of type moves the ticket's signals and topics with it. */
    async followType(ticketId: string, type: TicketType): Promise<void> {
      await db.execute(sql`UPDATE message_signals SET type = ${type} WHERE ticket_id = ${ticketId} AND type IS DISTINCT FROM ${type}`);
      await db.execute(sql`UPDATE ticket_topics SET type = ${type} WHERE ticket_id = ${ticketId} AND type IS DISTINCT FROM ${type}`);
    },
  };
}

export type TopicRepository = ReturnType<typeof createTopicRepository>;
