import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { documentLexemes } from './search-tokens.ts';

const BATCH = 2_000;

/**
 * Re-tokenises every ticket's subject into tickets.search and every message's body into its own
 * messages.search, in batches of tickets by id. For rows written before per-message vectors (they
 * kept one vector per ticket) and after a change to the tokeniser. Lexemes are letters, digits and
 * Han only, so a space-joined list splits back exactly.
 */
export async function rebuildSearchVectors(db: Executor, onProgress?: (tickets: number) => void): Promise<{ tickets: number; messages: number }> {
  let after = '';
  let tickets = 0;
  let messages = 0;
  for (;;) {
    const { rows } = await db.execute<{ id: string; subject: string }>(
      sql`SELECT id, subject FROM tickets WHERE id > ${after} ORDER BY id LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return { tickets, messages };
    const ids = rows.map((r) => r.id);
    await db.execute(sql`
      UPDATE tickets t SET search = array_to_tsvector(coalesce(string_to_array(v.lexemes, ' '), '{}'))
      FROM unnest(${sql.param(ids)}::text[], ${sql.param(rows.map((r) => documentLexemes(r.subject).join(' ')))}::text[]) AS v(id, lexemes)
      WHERE t.id = v.id`);
    const { rows: bodies } = await db.execute<{ id: string; body: string }>(
      sql`SELECT id, body FROM messages WHERE ticket_id = ANY(${sql.param(ids)}::text[])`,
    );
    if (bodies.length > 0) {
      await db.execute(sql`
        UPDATE messages m SET search = array_to_tsvector(coalesce(string_to_array(v.lexemes, ' '), '{}'))
        FROM unnest(${sql.param(bodies.map((b) => b.id))}::text[], ${sql.param(bodies.map((b) => documentLexemes(b.body).join(' ')))}::text[]) AS v(id, lexemes)
        WHERE m.id = v.id`);
    }
    tickets += rows.length;
    messages += bodies.length;
    after = ids[ids.length - 1]!;
    onProgress?.(tickets);
  }
}
