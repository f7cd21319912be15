import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { similarityTerms } from './similarity.ts';

/** A solved ticket as the index reads it. */
export interface SolvedTicket {
  id: string;
  number: number;
  type: string;
  subject: string;
  /** the customer's first message */
  question: string | null;
  /** public agent replies, oldest first */
  replies: string[];
  solvedAt: Date;
}

/** Arrays go as one parameter (drizzle would spread a bare array into a list). */
export const textArray = (values: readonly string[]) => sql`${sql.param(values)}::text[]`;

export const MAX_REPLIES = 3;
export const MAX_REPLY_CHARS = 2_000;

/** A question's terms: its subject and the customer's first message (what the desk sees first). */
export const questionTerms = (subject: string, question: string | null) => similarityTerms(`${subject}\n${question ?? ''}`);

export const signatureOf = (terms: readonly string[]) => createHash('sha256').update(terms.join('\u0000')).digest('base64url').slice(0, 22);

/** The SELECT of solved tickets with their question and replies (`where`: which tickets). */
export const solvedTicketsSql = (where: ReturnType<typeof sql>) => sql`
  SELECT t.id, t.number, t.type, t.subject, t.solved_at AS "solvedAt",
    (SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.author = 'customer' ORDER BY m.created_at, m.id LIMIT 1) AS question,
    ARRAY(SELECT left(m.body, ${MAX_REPLY_CHARS}) FROM messages m
          WHERE m.ticket_id = t.id AND m.author = 'agent' AND m.visibility = 'public' ORDER BY m.created_at, m.id LIMIT ${MAX_REPLIES}) AS replies
  FROM tickets t
  WHERE t.type IS NOT NULL AND t.status IN ('solved', 'closed') AND t.solved_at IS NOT NULL
    AND t.anonymised_at IS NULL -- erased or past retention (modules/privacy): its words are gone, it answers nothing
    AND ${where}`;

export const toSolved = (row: Record<string, unknown>): SolvedTicket => ({
  id: row.id as string,
  number: Number(row.number),
  type: row.type as string,
  subject: row.subject as string,
  question: (row.question as string | null) ?? null,
  replies: (row.replies as string[]) ?? [],
  solvedAt: row.solvedAt instanceof Date ? row.solvedAt : new Date(row.solvedAt as string),
});

/**
 * Adds solved tickets to the index, each once (`suggestion_indexed`): a ticket with a public agent
 * reply and searchable words joins the answer of its type and terms (a new one, counted in the
 * term frequencies, or an existing one, whose representative becomes the latest ticket).
 */
export async function indexSolvedTickets(tx: Executor, tickets: SolvedTicket[]): Promise<number> {
  let added = 0;
  for (const ticket of tickets) {
    const terms = questionTerms(ticket.subject, ticket.question);
    if (terms.length === 0 || ticket.replies.length === 0) continue;
    const claimed = await tx.execute(sql`INSERT INTO suggestion_indexed (ticket_id, answer_id) VALUES (${ticket.id}, 0) ON CONFLICT DO NOTHING RETURNING ticket_id`);
    if (claimed.rows.length === 0) continue;
    const signature = signatureOf(terms);
    const result = await tx.execute(sql`
      INSERT INTO suggestion_answers (type, signature, terms, tickets, ticket_id, ticket_number, subject, replies, solved_at)
      VALUES (${ticket.type}, ${signature}, ${textArray(terms)}, 1, ${ticket.id}, ${ticket.number}, ${ticket.subject}, ${JSON.stringify(ticket.replies)}::jsonb, ${ticket.solvedAt})
      ON CONFLICT (type, signature) DO UPDATE SET
        tickets = suggestion_answers.tickets + 1,
        ticket_id = CASE WHEN excluded.solved_at >= suggestion_answers.solved_at THEN excluded.ticket_id ELSE suggestion_answers.ticket_id END,
        ticket_number = CASE WHEN excluded.solved_at >= suggestion_answers.solved_at THEN excluded.ticket_number ELSE suggestion_answers.ticket_number END,
        subject = CASE WHEN excluded.solved_at >= suggestion_answers.solved_at THEN excluded.subject ELSE suggestion_answers.subject END,
        replies = CASE WHEN excluded.solved_at >= suggestion_answers.solved_at THEN excluded.replies ELSE suggestion_answers.replies END,
        solved_at = greatest(excluded.solved_at, suggestion_answers.solved_at)
      RETURNING id, (xmax = 0) AS inserted`);
    const row = result.rows[0] as { id: number | string; inserted: boolean };
    await tx.execute(sql`UPDATE suggestion_indexed SET answer_id = ${Number(row.id)} WHERE ticket_id = ${ticket.id}`);
    if (row.inserted) {
      await tx.execute(sql`
        INSERT INTO suggestion_terms (type, term, df) SELECT ${ticket.type}, term, 1 FROM unnest(${textArray([...terms, ''])}) AS term
        ON CONFLICT (type, term) DO UPDATE SET df = suggestion_terms.df + 1`);
    }
    added++;
  }
  return added;
}

/** Solved tickets by id, read for indexing. */
export async function readSolvedTickets(db: Executor, ids: string[]): Promise<SolvedTicket[]> {
  if (ids.length === 0) return [];
  const result = await db.execute(solvedTicketsSql(sql`t.id = ANY(${textArray(ids)})`));
  return result.rows.map(toSolved);
}
