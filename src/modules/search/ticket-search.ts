import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/**
 * `q` over tickets: a ticket matches when its subject or one of its messages holds every term
 * (tickets.search and messages.search, one vector per document, so words scattered over a whole
 * conversation do not make a match).
 *
 * Two ways to find the matches, chosen by how many messages the planner expects to match (its
 * statistics of the GIN-indexed vectors, an EXPLAIN without running anything):
 *  - few (an order number, a name, a rare phrase): the GIN indexes give every match, joined to
 *    the tickets and sorted; the cost grows with the matches;
 *  - many (退款, refund): the list walks its own index (newest first, or the due queue) and probes
 *    each ticket's few messages (messages_ticket_idx); the cost grows with how far it walks to fill
 *    a page, short when matches are common.
 * Relevance ranks the RELEVANCE_WINDOW newest matches (all of them for a rare query): ranking
 * every one of half a million matches of a common word would cost seconds for an order that, past
 * the first pages, nobody reads.
 */
export const COMMON_MATCHES = 20_000;
export const RELEVANCE_WINDOW = 1_000;
/** A subject that matches outranks a message of the same rank: it is what the ticket is about. */
const SUBJECT_WEIGHT = 2;
/** ts_rank normalisation 1: divided by 1 + log(length), so a short document full of the query ranks first. */
const NORMALISATION = 1;

export interface TicketSearch {
  /** a tsquery literal from search/queryExpression */
  query: string;
  common: boolean;
}

type PlanRoot = { Plan: { 'Plan Rows': number } };

/** How many messages the planner expects `query` to match, from its statistics alone. */
export async function expectedMessageMatches(db: Executor, query: string): Promise<number> {
  const { rows } = await db.execute<{ 'QUERY PLAN': PlanRoot[] }>(sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM messages WHERE search @@ ${query}::tsquery`);
  return rows[0]!['QUERY PLAN'][0]!.Plan['Plan Rows'];
}

export async function planSearch(db: Executor, query: string): Promise<TicketSearch> {
  return { query, common: (await expectedMessageMatches(db, query)) > COMMON_MATCHES };
}

const tsquery = (search: TicketSearch) => sql`${search.query}::tsquery`;

/** The WHERE condition on `tickets` (spelled out: drizzle prints bare columns inside subqueries). */
export function searchCondition(search: TicketSearch): SQL {
  const q = tsquery(search);
  return search.common
    ? // A scalar subquery with LIMIT, not EXISTS: the planner would turn EXISTS under OR into a hashed
      // subplan, that is every match of a common word read first, the cost this way is for avoiding.
      sql`(tickets.search @@ ${q} OR (SELECT true FROM messages m WHERE m.ticket_id = tickets.id AND m.search @@ ${q} LIMIT 1))`
    : sql`tickets.id IN (SELECT m.ticket_id FROM messages m WHERE m.search @@ ${q} UNION SELECT s.id FROM tickets s WHERE s.search @@ ${q})`;
}

/** A ticket's relevance: its best-matching document's rank (a real, exact in cursors). */
export function rankOf(search: TicketSearch): SQL<number> {
  const q = tsquery(search);
  return sql<number>`greatest(
    CASE WHEN tickets.search @@ ${q} THEN ${SUBJECT_WEIGHT}::real * ts_rank(tickets.search, ${q}, ${NORMALISATION}) ELSE 0::real END,
    coalesce((SELECT max(ts_rank(m.search, ${q}, ${NORMALISATION})) FROM messages m WHERE m.ticket_id = tickets.id AND m.search @@ ${q}), 0::real)
  )::real`;
}

/** Each ticket's best-matching message body (or its subject when no message matches), for highlights. */
export async function matchingTexts(db: Executor, ticketIds: string[], search: TicketSearch): Promise<Map<string, string>> {
  if (ticketIds.length === 0) return new Map();
  const q = tsquery(search);
  const { rows } = await db.execute<{ ticket_id: string; text: string }>(sql`
    SELECT t.id AS ticket_id, coalesce(best.body, t.subject) AS text
    FROM tickets t
    LEFT JOIN LATERAL (
      SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.search @@ ${q}
      ORDER BY ts_rank(m.search, ${q}, ${NORMALISATION}) DESC, m.created_at DESC LIMIT 1
    ) best ON true
    WHERE t.id = ANY(${sql.param(ticketIds)}::text[])`);
  return new Map(rows.map((row) => [row.ticket_id, row.text]));
}
