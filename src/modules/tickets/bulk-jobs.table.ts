import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A bulk change of up to 100 tickets: accepted at once, run by the worker one ticket at a time
 * (each its own transaction and events), its per-ticket results kept here for the caller to read.
 */
export const bulkJobs = pgTable('bulk_jobs', {
  id: text('id').primaryKey(),
  status: text('status', { enum: ['queued', 'running', 'done'] }).notNull(),
  /** `{ ticketIds, changes }` as accepted. */
  request: jsonb('request').notNull(),
  /** One entry per ticket done so far, in request order. */
  results: jsonb('results').notNull().default([]),
  total: smallint('total').notNull(),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
}, (t) => [index('bulk_jobs_unfinished_idx').on(t.createdAt).where(sql`${t.status} <> 'done'`)]);
