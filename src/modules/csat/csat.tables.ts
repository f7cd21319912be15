import { index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { tickets } from '../tickets/tickets.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Settings by key (`csat`, …), versioned for If-Match. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull().default(1),
});

export const SURVEY_STATUSES = ['scheduled', 'sent', 'answered', 'expired', 'cancelled'] as const;

/**
 * One satisfaction survey per solve of a ticket. The row exists from the solve (scheduled, with
 * `send_at`), so a lost timer only delays it: the worker's sweep issues whatever is due. What the
 * ticket was at rating time (type, channel, agent, team, SLA outcome) is copied here, so reports
 * do not move when the ticket changes later.
 */
export const surveys = pgTable('surveys', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  customerId: text('customer_id').notNull(),
  status: text('status', { enum: SURVEY_STATUSES }).notNull(),
  language: text('language').notNull(),
  sendAt: ts('send_at').notNull(),
  sentAt: ts('sent_at'),
  expiresAt: ts('expires_at'),
  rating: smallint('rating'),
  comment: text('comment'),
  reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
  answeredAt: ts('answered_at'),
  ticketType: text('ticket_type'),
  channel: text('channel').notNull(),
  agentId: text('agent_id'),
  teamId: text('team_id'),
  /** met / breached / none: the ticket's SLA outcome when it was solved */
  slaOutcome: text('sla_outcome').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  index('surveys_ticket_idx').on(t.ticketId, t.createdAt),
  index('surveys_customer_idx').on(t.customerId, t.sentAt),
  index('surveys_due_idx').on(t.sendAt).where(sql`${t.status} = 'scheduled'`),
  index('surveys_sent_idx').on(t.sentAt),
  // one open survey per ticket at a time
  uniqueIndex('surveys_one_open_key').on(t.ticketId).where(sql`${t.status} IN ('scheduled', 'sent')`),
]);

/** Every answer, in order: re-rating updates the survey and keeps the history here. */
export const surveyResponses = pgTable('survey_responses', {
  id: text('id').primaryKey(),
  surveyId: text('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  rating: smallint('rating').notNull(),
  comment: text('comment'),
  reasons: text('reasons').array().notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('survey_responses_survey_idx').on(t.surveyId, t.createdAt)]);

