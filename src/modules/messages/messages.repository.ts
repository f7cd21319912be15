import { and, asc, eq, gt, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { messages } from './messages.table.ts';

export type MessageRow = typeof messages.$inferSelect;

export function createMessageRepository(db: Executor) {
  return {
    async insert(row: typeof messages.$inferInsert): Promise<MessageRow> {
      const [inserted] = await db.insert(messages).values(row).returning();
      return inserted!;
    },
    async findByExternalId(channel: NonNullable<MessageRow['channel']>, externalId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(messages)
        .where(and(eq(messages.channel, channel), eq(messages.externalId, externalId)))
        .limit(1);
      return row;
    },
    /** A conversation reads oldest first, so its pages run forwards. */
    async listForTicket(ticketId: string, limit: number, after?: KeysetPosition): Promise<MessageRow[]> {
      return db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.ticketId, ticketId),
            after
              ? or(gt(messages.createdAt, after.createdAt), and(eq(messages.createdAt, after.createdAt), gt(messages.id, after.id)))
              : undefined,
          ),
        )
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(limit);
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
