import { and, asc, eq, getTableColumns, gt, or, sql } from 'drizzle-orm';
import { documentLexemes } from '../search/search-tokens.ts';
import type { Executor } from '../../db/client.ts';
import type { KeysetPosition } from '../../db/keyset.ts';
import { messages } from './messages.table.ts';

/** Every column but the search vector, which never leaves the database. */
const { search: _search, ...columns } = getTableColumns(messages);

export type MessageRow = Omit<typeof messages.$inferSelect, 'search'>;
export type NewMessageRow = Omit<typeof messages.$inferInsert, 'search'>;

export function createMessageRepository(db: Executor) {
  return {
    /** Internal notes are searchable too: agents search their own notes. */
    async insert(row: NewMessageRow): Promise<MessageRow> {
      const search = sql`array_to_tsvector(${sql.param(documentLexemes(row.body))}::text[])` as unknown as string;
      const [inserted] = await db.insert(messages).values({ ...row, search }).returning(columns);
      return inserted!;
    },
    async findByExternalId(channel: NonNullable<MessageRow['channel']>, externalId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select(columns)
        .from(messages)
        .where(and(eq(messages.channel, channel), eq(messages.externalId, externalId)))
        .limit(1);
      return row;
    },
    /** A conversation reads oldest first, so its pages run forwards. */
    async listForTicket(ticketId: string, limit: number, after?: KeysetPosition): Promise<MessageRow[]> {
      return db
        .select(columns)
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
