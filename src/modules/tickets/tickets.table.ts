import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tsvector } from '../../db/types.ts';
import { customers } from '../customers/customers.table.ts';
import { agents } from '../agents/agents.table.ts';
import { teams } from '../teams/teams.table.ts';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'complaint', 'suggestion'] as const;
export const CHANNELS = ['weibo', 'wechat', 'douyin', 'kuaishou', 'xiaohongshu', 'email', 'phone', 'web', 'chat', 'other'] as const;

export const tickets = pgTable('tickets', {
  id: text('id').primaryKey(),
  number: bigserial('number', { mode: 'number' }).notNull().unique(),
  subject: text('subject').notNull(),
  status: text('status', { enum: TICKET_STATUSES }).notNull(),
  type: text('type', { enum: TICKET_TYPES }),
  priority: text('priority', { enum: TICKET_PRIORITIES }).notNull(),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  customerId: text('customer_id').notNull().references(() => customers.id),
  assigneeId: text('assignee_id').references(() => agents.id, { onDelete: 'set null' }),
  teamId: text('team_id').references(() => teams.id, { onDelete: 'set null' }),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  /** The model's view, as it saw the first message; agents' changes go to `type` only. */
  classification: jsonb('classification'),
  /**
   * When a person first answered the model's doubt: changed the type of a classified ticket (a
   * correction) or confirmed it (POST …/classification/confirm). Null: nobody has looked yet, and
   * an unsure model's ticket still needs review.
   */
  typeReviewedAt: timestamp('type_reviewed_at', { withTimezone: true, mode: 'date' }),
  /** The channel's conversation thread: a follow-up in it joins this ticket while it is open. */
  threadId: text('thread_id'),
  /** Tokens of the subject (see modules/search), for `q`; each message has its own (messages.search). */
  search: tsvector('search').notNull().default(sql`''::tsvector`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  solvedAt: timestamp('solved_at', { withTimezone: true, mode: 'date' }),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  /** an agent's decision not to ask this customer for a rating */
  noSurvey: boolean('no_survey').notNull().default(false),
  /** When its subject, messages and stored events were anonymised (customer erasure or retention, modules/privacy). */
  anonymisedAt: timestamp('anonymised_at', { withTimezone: true, mode: 'date' }),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('tickets_created_idx').on(t.createdAt, t.id),
  index('tickets_customer_idx').on(t.customerId, t.createdAt),
  index('tickets_status_idx').on(t.status, t.createdAt),
  index('tickets_assignee_idx').on(t.assigneeId, t.createdAt),
  // Round-robin routing counts each candidate's open tickets against their load cap: only the open ones are indexed.
  // Assigned ones only: unassigned intake never touches it.
  index('tickets_open_assignee_idx').on(t.assigneeId).where(sql`${t.assigneeId} IS NOT NULL AND ${t.status} NOT IN ('solved', 'closed')`),
  index('tickets_open_thread_idx')
    .on(t.customerId, t.channel, t.threadId)
    .where(sql`${t.threadId} IS NOT NULL AND ${t.status} <> 'closed'`),
  index('tickets_tags_idx').using('gin', t.tags),
  // Retention finds the closed tickets still holding their text; anonymised ones leave the index.
  index('tickets_retention_idx').on(t.closedAt).where(sql`${t.status} = 'closed' AND ${t.anonymisedAt} IS NULL`),
  index('tickets_search_idx').using('gin', t.search),
]);
