import { integer, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { teams } from '../teams/teams.table.ts';
import { agents } from '../agents/agents.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Ordered routing rules: every active rule whose conditions match applies, in position order,
 * until one with `stop` matches (see README "Routing").
 */
export const routingRules = pgTable('routing_rules', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  active: boolean('active').notNull().default(true),
  /** a matching rule with `stop` ends the evaluation: later rules are not tried */
  stop: boolean('stop').notNull().default(false),
  /** { types?, channels?, languages?, priorities?, tags?, signals?, minConfidence?, … }: every given condition must hold */
  conditions: jsonb('conditions').notNull(),
  /** [{ type: assign_team | assign_round_robin | assign_agent | set_priority | add_tags | send_to_review, … }] */
  actions: jsonb('actions').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('routing_rules_position_idx').on(t.position, t.id)]);

/**
 * Where each team's round-robin stands: the agent who got the last ticket. The row is locked
 * (`FOR UPDATE` through an upsert) by the transaction that picks the next agent, so concurrent
 * intakes take turns instead of reading the same stale position.
 */
export const routingCursors = pgTable('routing_cursors', {
  teamId: text('team_id').primaryKey().references(() => teams.id, { onDelete: 'cascade' }),
  lastAgentId: text('last_agent_id').references(() => agents.id, { onDelete: 'set null' }),
  updatedAt: ts('updated_at').notNull(),
});
