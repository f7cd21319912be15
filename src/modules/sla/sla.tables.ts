import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tickets } from '../tickets/tickets.table.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const SLA_METRIC_VALUES = ['first_response', 'next_response', 'resolution'] as const;
export const SLA_STATUS_VALUES = ['active', 'paused', 'achieved', 'breached'] as const;

/** Ordered policies: the first active one whose conditions match a ticket applies. */
export const slaPolicies = pgTable('sla_policies', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  position: integer('position').notNull(),
  active: boolean('active').notNull().default(true),
  /** { types?, priorities?, channels?, tags? }: every given list must match (tags: any of them) */
  conditions: jsonb('conditions').notNull(),
  /** [{ metric, within: ISO 8601 duration, businessHours, calendarId? }] */
  targets: jsonb('targets').notNull(),
  /** { percent?, leadTime? }: warn when either is reached, whichever comes first */
  warning: jsonb('warning'),
  /** { onWarning: Action[], onBreach: Action[] } */
  escalations: jsonb('escalations').notNull(),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [index('sla_policies_position_idx').on(t.position, t.id)]);

/**
 * One promise to a customer on one ticket: a deadline is a row here; BullMQ only makes it fire on
 * time. Durations are kept in the target's own clock (business milliseconds when it runs on a
 * calendar), so a pause shifts the deadline by exactly the paused business time.
 */
export const slaTargets = pgTable('sla_targets', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  policyId: text('policy_id'),
  metric: text('metric', { enum: SLA_METRIC_VALUES }).notNull(),
  /** next_response repeats: one row per customer message that waits for an answer */
  cycle: integer('cycle').notNull().default(1),
  status: text('status', { enum: SLA_STATUS_VALUES }).notNull(),
  startedAt: ts('started_at').notNull(),
  withinMs: bigint('within_ms', { mode: 'number' }).notNull(),
  warnOffsetMs: bigint('warn_offset_ms', { mode: 'number' }),
  businessHours: boolean('business_hours').notNull(),
  calendarId: text('calendar_id'),
  /** time spent paused so far, in the target's clock */
  pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
  pausedAt: ts('paused_at'),
  dueAt: ts('due_at').notNull(),
  warnAt: ts('warn_at'),
  warnedAt: ts('warned_at'),
  breachedAt: ts('breached_at'),
  achievedAt: ts('achieved_at'),
  /** when the reply or solve that ended the target happened, late or not (for reports) */
  completedAt: ts('completed_at'),
  /** active time from start to completion, in the target's clock */
  elapsedMs: bigint('elapsed_ms', { mode: 'number' }),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  uniqueIndex('sla_targets_ticket_metric_cycle_key').on(t.ticketId, t.metric, t.cycle),
  index('sla_targets_due_idx').on(t.dueAt).where(sql`${t.status} = 'active'`),
  index('sla_targets_warn_idx').on(t.warnAt).where(sql`${t.status} = 'active' AND ${t.warnedAt} IS NULL`),
  index('sla_targets_updated_idx').on(t.updatedAt),
  index('sla_targets_started_idx').on(t.startedAt),
]);

/** The history of pauses, for the timeline and for audits of a shifted deadline. */
export const slaPauses = pgTable('sla_pauses', {
  id: text('id').primaryKey(),
  targetId: text('target_id').notNull().references(() => slaTargets.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  startedAt: ts('started_at').notNull(),
  endedAt: ts('ended_at'),
}, (t) => [index('sla_pauses_target_idx').on(t.targetId)]);

/**
 * The earliest running deadline of each ticket: the queue's sort key. Kept apart from `tickets`
 * because it changes on every SLA event, and a small table updates cheaply where the tickets row
 * (with its search and tag indexes) would not.
 */
export const ticketSlaDue = pgTable('ticket_sla_due', {
  ticketId: text('ticket_id').primaryKey().references(() => tickets.id, { onDelete: 'cascade' }),
  nextDueAt: ts('next_due_at').notNull(),
}, (t) => [index('ticket_sla_due_next_idx').on(t.nextDueAt, t.ticketId)]);
