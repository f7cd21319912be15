import { index, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { tickets, TICKET_TYPES } from '../tickets/tickets.table.ts';

/**
 * An agent changing a classified ticket's type: the model's answer and the agent's, who and when.
 * Kept apart from the ticket so the model's accuracy can be measured against agents.
 */
export const classificationCorrections = pgTable('classification_corrections', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  modelType: text('model_type', { enum: TICKET_TYPES }).notNull(),
  modelVersion: text('model_version').notNull(),
  modelConfidence: real('model_confidence').notNull(),
  previousType: text('previous_type', { enum: TICKET_TYPES }),
  agentType: text('agent_type', { enum: TICKET_TYPES }).notNull(),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [index('classification_corrections_created_idx').on(t.createdAt), index('classification_corrections_ticket_idx').on(t.ticketId)]);
