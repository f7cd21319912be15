import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { ERASED, scrubClassification, scrubEventData } from './scrub.ts';
import { recordPendingSignals } from '../topics/topic-indexer.ts';

const textArray = (values: readonly string[]) => sql`${sql.param(values)}::text[]`;
const EVENT_PAGE = 1_000;

/** Event types whose `data` can carry personal text (scrub.ts); the others hold ids, codes and times. */
const TYPES_WITH_TEXT = ['ticket.created', 'message.created', 'ticket.classified', 'ticket.updated', 'ticket.macro_applied', 'csat.received', 'csat.negative'];

export interface AnonymisedCounts {
  tickets: number;
  messages: number;
  surveys: number;
  events: number;
}

/**
 * Removes the words of these tickets, in the caller's transaction: subjects, thread ids, every
 * message body (customer's, agents' replies and internal notes, which address the customer), the
 * classifier's quotes, survey comments, the stored events' copies of all of these (the change
 * feed, the timeline and webhook deliveries not yet sent read them back), receivers' answers
 * kept in the delivery log, and what was derived from the text: search vectors (emptied: a
 * placeholder is nothing to find), topics, and suggestion answers a ticket represents. Ids,
 * times, statuses, types, priorities, tags, ratings and SLA targets stay: reports, SLA history
 * and crisis counts (message_signals, written here first for messages the relay has not indexed
 * yet) still count the tickets. Idempotent.
 */
export async function anonymiseTickets(tx: Executor, ticketIds: string[], at: Date): Promise<AnonymisedCounts> {
  const ids = textArray(ticketIds);
  // Before the words go: messages the relay has not indexed yet still count in crisis detection.
  await recordPendingSignals(tx, ticketIds);
  const tickets = await anonymiseTicketRows(tx, ticketIds, at);
  const messages = await tx.execute(sql`
    UPDATE messages SET body = ${ERASED}, search = ''::tsvector
    WHERE ticket_id = ANY(${ids}) AND (body <> ${ERASED} OR search <> ''::tsvector)`);
  const surveys = await tx.execute(sql`UPDATE surveys SET comment = NULL, updated_at = ${at} WHERE ticket_id = ANY(${ids}) AND comment IS NOT NULL`);
  await tx.execute(sql`
    UPDATE survey_responses SET comment = NULL
    WHERE comment IS NOT NULL AND survey_id IN (SELECT id FROM surveys WHERE ticket_id = ANY(${ids}))`);
  const events = await scrubEvents(tx, ticketIds);
  await tx.execute(sql`UPDATE webhook_deliveries SET last_response = NULL WHERE ticket_id = ANY(${ids}) AND last_response IS NOT NULL`);
  await tx.execute(sql`DELETE FROM ticket_topics WHERE ticket_id = ANY(${ids})`);
  await forgetSuggestionAnswers(tx, ticketIds);
  return { tickets, messages: messages.rowCount ?? 0, surveys: surveys.rowCount ?? 0, events };
}

async function anonymiseTicketRows(tx: Executor, ticketIds: string[], at: Date): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const { rows } = await tx.execute<{ id: string; classification: unknown }>(
    sql`SELECT id, classification FROM tickets WHERE id = ANY(${textArray(ticketIds)})`,
  );
  const scrubbed = JSON.stringify(rows.map((row) => ({ id: row.id, classification: scrubClassification(row.classification) })));
  const updated = await tx.execute(sql`
    UPDATE tickets t SET subject = ${ERASED}, thread_id = NULL, search = ''::tsvector, classification = v.classification,
      anonymised_at = coalesce(t.anonymised_at, ${at}), version = t.version + 1
    FROM jsonb_to_recordset(${scrubbed}::jsonb) AS v(id text, classification jsonb)
    WHERE t.id = v.id`);
  return updated.rowCount ?? 0;
}

/** Rewrites the stored events of these tickets in pages by seq; only those whose data changes are written. */
async function scrubEvents(tx: Executor, ticketIds: string[]): Promise<number> {
  if (ticketIds.length === 0) return 0;
  let after = 0;
  let changed = 0;
  for (;;) {
    const { rows } = await tx.execute<{ seq: string | number; type: string; data: unknown }>(sql`
      SELECT seq, type, data FROM events
      WHERE ticket_id = ANY(${textArray(ticketIds)}) AND type = ANY(${textArray(TYPES_WITH_TEXT)}) AND seq > ${after}
      ORDER BY seq LIMIT ${EVENT_PAGE}`);
    if (rows.length === 0) return changed;
    const rewritten = rows
      .map((row) => ({ seq: Number(row.seq), before: JSON.stringify(row.data), data: scrubEventData(row.type, row.data) }))
      .filter((row) => JSON.stringify(row.data) !== row.before)
      .map(({ seq, data }) => ({ seq, data }));
    if (rewritten.length > 0) {
      await tx.execute(sql`
        UPDATE events e SET data = v.data FROM jsonb_to_recordset(${JSON.stringify(rewritten)}::jsonb) AS v(seq bigint, data jsonb)
        WHERE e.seq = v.seq`);
    }
    changed += rewritten.length;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/**
 * An answer shows its representative ticket's subject and agent replies: an answer represented by
 * one of these tickets goes, with its terms' document frequencies. The other tickets it grouped
 * may be indexed again when next solved; these stay marked indexed, so they never come back.
 */
async function forgetSuggestionAnswers(tx: Executor, ticketIds: string[]): Promise<void> {
  const ids = textArray(ticketIds);
  const { rows: gone } = await tx.execute<{ id: number | string; type: string; terms: string[] }>(
    sql`DELETE FROM suggestion_answers WHERE ticket_id = ANY(${ids}) RETURNING id, type, terms`,
  );
  if (gone.length === 0) return;
  const counts = new Map<string, { type: string; term: string; n: number }>();
  for (const answer of gone) {
    for (const term of [...answer.terms, '']) {
      const key = `${answer.type}\u0000${term}`;
      const entry = counts.get(key) ?? { type: answer.type, term, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
  }
  await tx.execute(sql`
    UPDATE suggestion_terms s SET df = s.df - v.n
    FROM jsonb_to_recordset(${JSON.stringify([...counts.values()])}::jsonb) AS v(type text, term text, n integer)
    WHERE s.type = v.type AND s.term = v.term`);
  await tx.execute(sql`DELETE FROM suggestion_terms WHERE df <= 0 AND term <> ''`);
  await tx.execute(sql`
    DELETE FROM suggestion_indexed
    WHERE answer_id = ANY(${sql.param(gone.map((answer) => Number(answer.id)))}::integer[]) AND NOT (ticket_id = ANY(${ids}))`);
}
