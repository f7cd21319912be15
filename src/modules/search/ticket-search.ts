import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/**
 * `q` over tickets: a ticket matches when its subject or one of its messages holds every term
 * (tickets.search and messages.search, one vector per document, so words scattered over a whole
 * conversation do not make a match).
 *
 * Two ways to find the matches:
 *  - rare (an order number, a name, a rare phrase): the GIN indexes give every match, joined to
 *    the tickets and sorted; the cost grows with the matches;
 *  - common (退款, refund): the list walks its own index (newest first, or the due queue) and probes
 *    each ticket's few messages (messages_ticket_idx); the cost grows with how far it walks to fill
 *    a page, short when matches are common. Newest first walks at most three pages' worth at the
 *    expected share (walkBudget); short of a page by then, the matches are rare after all
 *    (common words, rare together) and the GIN way answers.
 * Which one first: the planner's statistics of messages.search (the most common lexemes and their
 * frequencies), the rarest term's share of the messages: an upper bound, since the terms of a
 * Chinese word's bigrams go together (the planner's own estimate multiplies them, as if they
 * were independent, and would send 保修期 the rare way with 60,000 matches). The ways cost the same
 * near half a percent of the tickets matching (a walk of limit / share tickets against a fetch of
 * share × tickets matches, each about three pages of tickets and messages): COMMON_SHARE.
 * Relevance ranks the newest matches, at most RELEVANCE_WINDOW: for a rare query all of them (up
 * to that), for a common one those among the newest relevanceBudget tickets. Ranking every one of
 * half a million matches of a common word would cost seconds for an order that, past the first
 * pages, nobody reads.
 */
export const COMMON_SHARE = 0.005;
const MIN_WALK = 2_000;
const MAX_WALK = 30_000;
export const RELEVANCE_WINDOW = 1_000;
const RELEVANCE_MATCHES = 300;
/** Ranking probes each walked ticket's messages twice (match and rank): a shorter walk. */
const MAX_RELEVANCE_WALK = 10_000;
/** A subject that matches outranks a message of the same rank: it is what the ticket is about. */
const SUBJECT_WEIGHT = 2;
/** ts_rank normalisation 1: divided by 1 + log(length), so a short document full of the query ranks first. */
const NORMALISATION = 1;
const STATS_TTL_MS = 10 * 60_000;

export interface TicketSearch {
  /** a tsquery literal from search/queryExpression */
  query: string;
  common: boolean;
  /** the expected share of tickets that match (an upper bound); unknown: walk the most */
  share?: number;
}

const clampWalk = (n: number) => Math.min(MAX_WALK, Math.max(MIN_WALK, Math.ceil(n)));
/** How many tickets a newest-first walk may probe for a page of `limit`: three pages' worth. */
export const walkBudget = (search: TicketSearch, limit: number) => (search.share ? clampWalk((3 * limit) / search.share) : MAX_WALK);
/** How many of the newest tickets relevance ranks the matches of, for a common query. */
export const relevanceBudget = (search: TicketSearch) => Math.min(MAX_RELEVANCE_WALK, search.share ? clampWalk(RELEVANCE_MATCHES / search.share) : MAX_WALK);

export interface LexemeStats {
  tickets: number;
  messages: number;
  /** the most common lexemes' shares of the messages (pg_stats.most_common_elems) */
  frequencies: Map<string, number>;
}

/**
 * How many messages may match `terms` (exact lexemes and prefixes), from the statistics: the
 * rarest term's share of the messages. A term outside the most common ones is rare.
 */
export function expectedMatches(stats: LexemeStats, terms: { exact: string[]; prefixes: string[] }): number {
  let share = 1;
  for (const term of terms.exact) share = Math.min(share, stats.frequencies.get(term) ?? 0);
  for (const prefix of terms.prefixes) {
    let sum = 0;
    for (const [lexeme, frequency] of stats.frequencies) if (lexeme.startsWith(prefix)) sum += frequency;
    share = Math.min(share, sum);
  }
  return share * stats.messages;
}

/** The tsquery literal's terms back (as queryExpression wrote them). */
function termsOf(query: string): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const [, term, prefix] of query.matchAll(/'([^']*)'(:\*)?/g)) (prefix ? prefixes : exact).push(term!);
  return { exact, prefixes };
}

const statsCache = new WeakMap<object, { at: number; stats: Promise<LexemeStats> }>();

async function loadStats(db: Executor): Promise<LexemeStats> {
  const { rows } = await db.execute<{ elems: string[] | null; freqs: number[] | null; messages: number; tickets: number }>(sql`
    SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, greatest(c.reltuples, 0)::float8 AS messages,
      (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'tickets'::regclass) AS tickets
    FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = 'messages' AND s.attname = 'search' AND s.schemaname = current_schema()
    WHERE c.oid = 'messages'::regclass`);
  const row = rows[0];
  const frequencies = new Map<string, number>();
  (row?.elems ?? []).forEach((lexeme, i) => frequencies.set(lexeme, row!.freqs![i]!));
  return { tickets: Number(row?.tickets ?? 0), messages: Number(row?.messages ?? 0), frequencies };
}

/** The statistics, re-read every few minutes (ANALYZE changes them no faster). */
function statsOf(db: Executor): Promise<LexemeStats> {
  const cached = statsCache.get(db);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const stats = loadStats(db);
  statsCache.set(db, { at: Date.now(), stats });
  stats.catch(() => statsCache.delete(db));
  return stats;
}

/**
 * The way to search for `query`. A matching ticket has about two matching messages (the question
 * and its answer), so the tickets' share is half the messages' count over the tickets.
 */
export async function planSearch(db: Executor, query: string): Promise<TicketSearch> {
  const stats = await statsOf(db);
  const share = stats.tickets > 0 ? Math.min(1, expectedMatches(stats, termsOf(query)) / 2 / stats.tickets) : 0;
  return { query, common: share >= COMMON_SHARE, share };
}

const tsquery = (search: TicketSearch) => sql`${search.query}::tsquery`;

/**
 * The WHERE condition on the tickets named `ticket` (spelled out: drizzle prints bare columns
 * inside subqueries).
 */
export function searchCondition(search: TicketSearch, ticket = 'tickets'): SQL {
  const q = tsquery(search);
  const t = sql.raw(ticket);
  return search.common
    ? // A scalar subquery with LIMIT, not EXISTS: the planner would turn EXISTS under OR into a hashed
      // subplan, that is every match of a common word read first, the cost this way is for avoiding.
      sql`(${t}.search @@ ${q} OR (SELECT true FROM messages m WHERE m.ticket_id = ${t}.id AND m.search @@ ${q} LIMIT 1))`
    : sql`${t}.id IN (SELECT m.ticket_id FROM messages m WHERE m.search @@ ${q} UNION SELECT s.id FROM tickets s WHERE s.search @@ ${q})`;
}

/** A ticket's relevance: its best-matching document's rank (a real, exact in cursors). */
export function rankOf(search: TicketSearch, ticket = 'tickets'): SQL<number> {
  const q = tsquery(search);
  const t = sql.raw(ticket);
  return sql<number>`greatest(
    CASE WHEN ${t}.search @@ ${q} THEN ${SUBJECT_WEIGHT}::real * ts_rank(${t}.search, ${q}, ${NORMALISATION}) ELSE 0::real END,
    coalesce((SELECT max(ts_rank(m.search, ${q}, ${NORMALISATION})) FROM messages m WHERE m.ticket_id = ${t}.id AND m.search @@ ${q}), 0::real)
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
