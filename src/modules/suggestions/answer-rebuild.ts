import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { questionTerms, signatureOf, solvedTicketsSql, textArray, toSolved } from './answer-index.ts';

const CHUNK = 20_000;

interface Answer {
  type: string;
  signature: string;
  terms: string[];
  tickets: number;
  ticketIds: string[];
  latest: { id: string; number: number; subject: string; replies: string[]; solvedAt: Date };
}

/**
 * Builds the answer index from every solved ticket at once (history loaded straight into the
 * database: seed:bulk, an import), replacing what it held: tickets read in chunks by number,
 * grouped in memory, written in batches. The relay's subscriber keeps it from then on.
 */
export async function rebuildAnswerIndex(db: Executor, onProgress?: (done: number, answers: number) => void): Promise<{ tickets: number; answers: number }> {
  const answers = new Map<string, Answer>();
  const max = Number(((await db.execute(sql`SELECT coalesce(max(number), 0) AS max FROM tickets`)).rows[0] as { max: string | number }).max);
  let indexed = 0;
  for (let after = 0; after < max; after += CHUNK) {
    const rows = (await db.execute(solvedTicketsSql(sql`t.number > ${after} AND t.number <= ${after + CHUNK}`))).rows.map(toSolved);
    for (const ticket of rows) {
      const terms = questionTerms(ticket.subject, ticket.question);
      if (terms.length === 0 || ticket.replies.length === 0) continue;
      const signature = signatureOf(terms);
      const key = `${ticket.type}\u0000${signature}`;
      const latest = { id: ticket.id, number: ticket.number, subject: ticket.subject, replies: ticket.replies, solvedAt: ticket.solvedAt };
      const answer = answers.get(key);
      if (!answer) answers.set(key, { type: ticket.type, signature, terms, tickets: 1, ticketIds: [ticket.id], latest });
      else {
        answer.tickets++;
        answer.ticketIds.push(ticket.id);
        if (ticket.solvedAt >= answer.latest.solvedAt) answer.latest = latest;
      }
      indexed++;
    }
    onProgress?.(Math.min(after + CHUNK, max), answers.size);
  }

  await db.execute(sql`TRUNCATE suggestion_answers, suggestion_terms, suggestion_indexed`);
  const list = [...answers.values()];
  for (let i = 0; i < list.length; i += 500) {
    for (const a of list.slice(i, i + 500)) {
      const inserted = await db.execute(sql`
        INSERT INTO suggestion_answers (type, signature, terms, tickets, ticket_id, ticket_number, subject, replies, solved_at)
        VALUES (${a.type}, ${a.signature}, ${textArray(a.terms)}, ${a.tickets}, ${a.latest.id}, ${a.latest.number}, ${a.latest.subject}, ${JSON.stringify(a.latest.replies)}::jsonb, ${a.latest.solvedAt})
        RETURNING id`);
      const id = Number((inserted.rows[0] as { id: string | number }).id);
      for (let j = 0; j < a.ticketIds.length; j += CHUNK) {
        await db.execute(sql`INSERT INTO suggestion_indexed (ticket_id, answer_id) SELECT unnest(${textArray(a.ticketIds.slice(j, j + CHUNK))}), ${id}`);
      }
    }
  }
  // Document frequencies and the answer counts (the empty term), in one statement from the answers.
  await db.execute(sql`
    INSERT INTO suggestion_terms (type, term, df)
    SELECT type, term, count(*) FROM suggestion_answers, unnest(terms || ''::text) AS term GROUP BY type, term`);
  await db.execute(sql`ANALYZE suggestion_answers, suggestion_terms, suggestion_indexed`);
  return { tickets: indexed, answers: list.length };
}
