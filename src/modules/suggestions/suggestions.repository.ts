import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../events/events.repository.ts';
import { textArray } from './answer-index.ts';

export interface AnswerCandidate {
  id: number;
  terms: string[];
  tickets: number;
  ticketId: string;
  ticketNumber: number;
  subject: string;
  replies: string[];
  solvedAt: Date;
}

export interface Shown {
  ref: string;
  kind: 'answer' | 'macro';
  rank: number;
}

/** How many answers a question reads at most: the ranking is in-process, over these. */
export const MAX_CANDIDATES = 400;

export function createSuggestionRepository(db: Executor) {
  return {
    /** The customer's first message of a ticket: with the subject, the question. */
    async firstCustomerMessage(ticketId: string): Promise<string | null> {
      const result = await db.execute(sql`SELECT body FROM messages WHERE ticket_id = ${ticketId} AND author = 'customer' ORDER BY created_at, id LIMIT 1`);
      return (result.rows[0] as { body: string } | undefined)?.body ?? null;
    },

    /** Document frequencies of `terms` among the type's answers, and how many answers it has. */
    async termStats(type: string, terms: string[]): Promise<{ df: Map<string, number>; total: number }> {
      const result = await db.execute(sql`SELECT term, df FROM suggestion_terms WHERE type = ${type} AND term = ANY(${textArray([...terms, ''])})`);
      const df = new Map<string, number>();
      let total = 0;
      for (const row of result.rows as { term: string; df: number }[]) {
        if (row.term === '') total = row.df;
        else df.set(row.term, row.df);
      }
      return { df, total };
    },

    /**
     * Answers of the type other than the ticket's own: first those with every one of `all` (the
     * question's two rarest terms: GIN intersects their lists, few rows, the likely best), then, while
     * fewer than MAX_CANDIDATES, those with any of `any`. Both are GIN index scans.
     */
    async candidates(type: string, terms: { all: string[]; any: string[] }, exceptTicketId: string): Promise<AnswerCandidate[]> {
      const found = new Map<number, AnswerCandidate>();
      const read = async (where: ReturnType<typeof sql>, limit: number) => {
        const result = await db.execute(sql`
          SELECT id, terms, tickets, ticket_id AS "ticketId", ticket_number AS "ticketNumber", subject, replies, solved_at AS "solvedAt"
          FROM suggestion_answers
          WHERE type = ${type} AND ${where} AND ticket_id <> ${exceptTicketId}
          LIMIT ${limit}`);
        for (const row of result.rows as Record<string, unknown>[]) {
          const id = Number(row.id);
          found.set(id, {
            id,
            terms: row.terms as string[],
            tickets: Number(row.tickets),
            ticketId: row.ticketId as string,
            ticketNumber: Number(row.ticketNumber),
            subject: row.subject as string,
            replies: row.replies as string[],
            solvedAt: row.solvedAt instanceof Date ? row.solvedAt : new Date(row.solvedAt as string),
          });
        }
      };
      if (terms.all.length > 1) await read(sql`terms @> ${textArray(terms.all)}`, MAX_CANDIDATES);
      if (found.size < MAX_CANDIDATES && terms.any.length > 0) await read(sql`terms && ${textArray(terms.any)}`, MAX_CANDIDATES);
      return [...found.values()].slice(0, MAX_CANDIDATES * 2);
    },

    /** Records what was shown, once per ticket and suggestion (the first time, with its rank then). */
    async recordShown(ticketId: string, shown: Shown[], at: Date): Promise<void> {
      if (shown.length === 0) return;
      await db.execute(sql`
        INSERT INTO suggestion_shows (ticket_id, ref, kind, rank, shown_at)
        SELECT ${ticketId}, ref, kind, rank, ${at} FROM unnest(${textArray(shown.map((s) => s.ref))}, ${textArray(shown.map((s) => s.kind))}, ${sql.param(shown.map((s) => s.rank))}::int[]) AS s(ref, kind, rank)
        ON CONFLICT (ticket_id, ref) DO NOTHING`);
    },

    /**
     * Marks a shown suggestion used (the first use counts; a repeat changes nothing). Undefined when
     * it was never shown for this ticket.
     */
    async markUsed(ticketId: string, ref: string, at: Date, actor?: Actor): Promise<{ kind: 'answer' | 'macro'; rank: number; usedAt: Date } | undefined> {
      const result = await db.execute(sql`
        WITH marked AS (
          UPDATE suggestion_shows SET used_at = ${at}, used_by_type = ${actor?.type ?? null}, used_by_id = ${actor?.id ?? null}
          WHERE ticket_id = ${ticketId} AND ref = ${ref} AND used_at IS NULL
          RETURNING kind, rank, used_at)
        SELECT kind, rank, used_at AS "usedAt" FROM marked
        UNION ALL
        SELECT kind, rank, used_at FROM suggestion_shows WHERE ticket_id = ${ticketId} AND ref = ${ref} AND used_at IS NOT NULL
        LIMIT 1`);
      const row = result.rows[0] as { kind: 'answer' | 'macro'; rank: number; usedAt: Date | string } | undefined;
      return row ? { kind: row.kind, rank: Number(row.rank), usedAt: new Date(row.usedAt) } : undefined;
    },

    /** Shown and used per kind and per rank, of suggestions first shown in [from, to). */
    async usage(from: Date, to: Date): Promise<{ kind: 'answer' | 'macro'; rank: number; shown: number; used: number }[]> {
      const result = await db.execute(sql`
        SELECT kind, rank, count(*)::int AS shown, count(used_at)::int AS used
        FROM suggestion_shows WHERE shown_at >= ${from} AND shown_at < ${to}
        GROUP BY kind, rank ORDER BY kind, rank`);
      return result.rows as { kind: 'answer' | 'macro'; rank: number; shown: number; used: number }[];
    },
  };
}

export type SuggestionRepository = ReturnType<typeof createSuggestionRepository>;
