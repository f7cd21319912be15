import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const code = (name: string) => smallint(name).notNull();

/** Agent and team ids as small integers for the facts (a 4-byte key instead of a 29-byte id on millions of rows). */
export const reportKeys = pgTable('report_keys', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  ref: text('ref').notNull().unique(),
});

/**
 * What happened to each ticket, one narrow row per occurrence (created, solved, reopened, a public
 * reply, an SLA target, a survey, a classification correction), derived from the tickets, messages,
 * events, SLA targets, surveys and corrections by one query (facts.sql.ts) and kept by the
 * `reports` relay subscriber. Codes are those of dimensions.ts; 0 is none. Reports read these
 * and the daily rollup, never the source tables.
 */
export const reportFacts = pgTable('report_facts', {
  ticketNo: bigint('ticket_no', { mode: 'number' }).notNull(),
  kind: code('kind'),
  /** The occurrence within (ticket, kind), from 1. */
  ord: integer('ord').notNull(),
  at: ts('at').notNull(),
  type: code('type'),
  channel: code('channel'),
  priority: code('priority'),
  language: code('language'),
  team: integer('team').notNull(),
  agent: integer('agent').notNull(),
  /** SLA: achieved / breached / running; survey: the rating (0: none); created: 1 when an agent corrected the type. */
  outcome: code('outcome'),
  /** Survey: the SLA outcome at solve; created: the model's type. */
  detail: code('detail'),
  /** SLA facts that completed: wall-clock time from start to the reply or solve. */
  calendarMs: bigint('calendar_ms', { mode: 'number' }),
  /** ... and the target's own clock: business hours of its calendar where it has one, pauses left out. */
  businessMs: bigint('business_ms', { mode: 'number' }),
}, (t) => [
  primaryKey({ name: 'report_facts_pkey', columns: [t.ticketNo, t.kind, t.ord] }),
  // The migration makes it covering (INCLUDE every column a report reads; drizzle cannot say so):
  // the fringes and local-day series are index-only scans of a period.
  index('report_facts_kind_at_idx').on(t.kind, t.at),
  index('report_facts_agent_idx').on(t.agent, t.kind, t.at),
  index('report_facts_team_idx').on(t.team, t.kind, t.at),
]);

/**
 * The facts summed per UTC hour, day and month, one dimension at a time (`dim` 0: all, then
 * type, channel, priority, language, team, agent; `value` its code or key; hours without team
 * and agent), and per UTC month two at a time (per day too for DAILY_PAIRS; dimensions.ts
 * grainKeeps): the marginals every
 * report asks for (a series, a breakdown by one dimension, a filter on one), without the joint
 * table of all dimensions, which would be as large as the facts. Whole UTC hours, days and months
 * of a bucket or period come from here (buckets.ts splitByGrains), the rest from the facts. SLA facts
 * carry histograms of their durations in fixed log bins (histogram.ts), merged as they are added.
 * The migration makes the key covering (INCLUDE n, sums, timed; drizzle cannot say so), so
 * counting reads are index-only: the rows are wide with their histograms.
 */
export const reportRollups = pgTable('report_rollups', {
  /** 0: a UTC hour, 1: a UTC day, 2: a UTC month */
  grain: smallint('grain').notNull(),
  /** its start, in UTC */
  slot: timestamp('slot', { mode: 'string' }).notNull(),
  kind: code('kind'),
  dim: code('dim'),
  value: integer('value').notNull(),
  outcome: code('outcome'),
  detail: code('detail'),
  n: integer('n').notNull(),
  calendarMs: bigint('calendar_ms', { mode: 'number' }).notNull(),
  businessMs: bigint('business_ms', { mode: 'number' }).notNull(),
  /** How many of the n carry a duration. */
  timed: integer('timed').notNull(),
  /** { bin: count } of calendar_ms and business_ms (SLA facts only) */
  calendarHist: jsonb('calendar_hist'),
  businessHist: jsonb('business_hist'),
}, (t) => [primaryKey({ name: 'report_rollups_pkey', columns: [t.grain, t.kind, t.dim, t.slot, t.value, t.outcome, t.detail] })]);

/** Each stretch of a ticket in an open status (new, open, pending, on hold): the backlog at any instant. */
export const reportSpans = pgTable('report_spans', {
  ticketNo: bigint('ticket_no', { mode: 'number' }).notNull(),
  ord: integer('ord').notNull(),
  status: code('status'),
  since: ts('since').notNull(),
  /** null while it lasts */
  until: ts('until'),
  /** when the ticket was created: its age at an instant */
  openedAt: ts('opened_at').notNull(),
  type: code('type'),
  channel: code('channel'),
  priority: code('priority'),
  language: code('language'),
  team: integer('team').notNull(),
  agent: integer('agent').notNull(),
}, (t) => [
  primaryKey({ name: 'report_spans_pkey', columns: [t.ticketNo, t.ord] }),
  // The stretches that ended, by their range (the backlog at an instant: those that contain it).
  index('report_spans_ended_idx').using('gist', sql`tstzrange(${t.since}, ${t.until})`).where(sql`${t.until} IS NOT NULL`),
  // Those still running, by start: few, scattered over the table; the migration makes it covering
  // (INCLUDE the columns the backlog reads; drizzle cannot say so), so reading them is index-only.
  index('report_spans_running_idx').on(t.since).where(sql`${t.until} IS NULL`),
  index('report_spans_since_idx').on(t.since),
]);

/** How far the one-off backfill of tickets that existed before the reports subscriber has got. */
export const reportBackfill = pgTable('report_backfill', {
  id: smallint('id').primaryKey().default(1),
  nextTicketNo: bigint('next_ticket_no', { mode: 'number' }).notNull().default(0),
  done: boolean('done').notNull().default(false),
  updatedAt: ts('updated_at'),
});
