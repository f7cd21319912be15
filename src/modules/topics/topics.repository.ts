import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { tickets } from '../tickets/tickets.table.ts';
import { messageSignals, ticketTopics } from './topics.tables.ts';

export type MessageSignalRow = typeof messageSignals.$inferInsert;
export type TicketTopicRow = typeof ticketTopics.$inferInsert;
type TicketType = (typeof tickets.$inferSelect)['type'];

/** Rows per statement: 10 columns each stays far below Postgres' 65,535 parameters. */
const CHUNK = 1_000;

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
    async insertSignals(rows: MessageSignalRow[]): Promise<void> {
      for (const part of chunks(rows)) await db.insert(messageSignals).values(part).onConflictDoNothing();
    },
    /** A ticket keeps the earliest mention of each topic, whatever order messages are indexed in (an import of history). */
    async insertTopics(rows: TicketTopicRow[]): Promise<void> {
      for (const part of chunks(rows)) {
        await db
          .insert(ticketTopics)
          .values(part)
          .onConflictDoUpdate({
            target: [ticketTopics.ticketId, ticketTopics.topic],
            set: {
              label: sql`excluded.label`,
              messageId: sql`excluded.message_id`,
              channel: sql`excluded.channel`,
              customerId: sql`excluded.customer_id`,
              negative: sql`excluded.negative`,
              receivedAt: sql`excluded.received_at`,
            },
            setWhere: sql`excluded.received_at < ${ticketTopics.receivedAt}`,
          });
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
