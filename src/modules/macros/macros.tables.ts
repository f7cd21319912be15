import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { teams } from '../teams/teams.table.ts';

/**
 * A macro (canned reply): a named set of actions an agent applies to a ticket in one change: a
 * reply per language (with placeholders), a status, a priority, tags to add and remove. Global
 * when `team_id` is null, otherwise the team's. `terms` are its similarity terms (name and replies),
 * for matching it to tickets in suggested answers.
 */
export const macros = pgTable('macros', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  teamId: text('team_id').references(() => teams.id, { onDelete: 'cascade' }),
  /** Ticket types it suits (empty: any). */
  ticketTypes: text('ticket_types').array().notNull().default(sql`'{}'::text[]`),
  /** `{ "zh-Hans"?, "zh-Hant"?, "en"? }`: the reply in each language it has. */
  reply: jsonb('reply').$type<Partial<Record<'zh-Hans' | 'zh-Hant' | 'en', string>>>(),
  visibility: text('visibility', { enum: ['public', 'internal'] }).notNull().default('public'),
  status: text('status'),
  priority: text('priority'),
  addTags: text('add_tags').array().notNull().default(sql`'{}'::text[]`),
  removeTags: text('remove_tags').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  terms: text('terms').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [
  index('macros_created_idx').on(t.createdAt, t.id),
  index('macros_team_idx').on(t.teamId),
]);
