import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The answers suggestions draw on: solved tickets grouped by what they asked. Tickets of one type
 * whose question has the same similarity terms are one answer (`signature`: the terms, sorted,
 * hashed), represented by the latest of them with its public agent replies; `tickets` counts them.
 * Grouping is what keeps the index small where questions repeat (most of a help desk's), and
 * the GIN index on `terms` finds the answers that share a question's rarer terms.
 */
export const answers = pgTable('suggestion_answers', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  signature: text('signature').notNull(),
  terms: text('terms').array().notNull(),
  tickets: integer('tickets').notNull(),
  ticketId: text('ticket_id').notNull(),
  ticketNumber: integer('ticket_number').notNull(),
  subject: text('subject').notNull(),
  /** The representative ticket's public agent replies, oldest first (at most 3, each cut to 2,000 characters). */
  replies: jsonb('replies').$type<string[]>().notNull(),
  solvedAt: timestamp('solved_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  uniqueIndex('suggestion_answers_signature_idx').on(t.type, t.signature),
  index('suggestion_answers_terms_idx').using('gin', t.terms),
]);

/**
 * Document frequency: in how many answers of a type each term appears (what weighs a question's
 * terms). The row with the empty term counts the type's answers.
 */
export const answerTerms = pgTable('suggestion_terms', {
  type: text('type').notNull(),
  term: text('term').notNull(),
  df: integer('df').notNull(),
}, (t) => [primaryKey({ columns: [t.type, t.term] })]);

/**
 * What the desk was shown for a ticket and what the agent used: one row per ticket and suggestion
 * (`ref`: the answer's ticket id or the macro id), the first time it was shown and its rank then.
 */
export const suggestionShows = pgTable('suggestion_shows', {
  ticketId: text('ticket_id').notNull(),
  ref: text('ref').notNull(),
  kind: text('kind', { enum: ['answer', 'macro'] }).notNull(),
  rank: integer('rank').notNull(),
  shownAt: timestamp('shown_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  usedByType: text('used_by_type'),
  usedById: text('used_by_id'),
}, (t) => [
  primaryKey({ columns: [t.ticketId, t.ref] }),
  index('suggestion_shows_shown_idx').on(t.shownAt),
]);

/** Which solved tickets are in an answer already: a ticket solved again (after a reopen) is not counted twice. */
export const indexedTickets = pgTable('suggestion_indexed', {
  ticketId: text('ticket_id').primaryKey(),
  answerId: integer('answer_id').notNull(),
});
