import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { CHANNELS, LANGUAGES, PRIORITIES, TYPES, valueOf } from './dimensions.ts';

/** The words reports group by (what the existing reports said for "none"). */
export const wordOf = {
  type: (code: number) => valueOf(TYPES, code) ?? 'unclassified',
  channel: (code: number) => valueOf(CHANNELS, code) ?? 'other',
  priority: (code: number) => valueOf(PRIORITIES, code) ?? 'normal',
  language: (code: number) => valueOf(LANGUAGES, code) ?? 'unknown',
} as const;

export interface Person {
  key: number;
  /** The agent or team id; null for key 0 (nobody). */
  id: string | null;
  name: string | null;
}

/** Agents and teams behind keys, with their names as they are now. */
export async function peopleOf(db: Executor, keys: Iterable<number>): Promise<Map<number, Person>> {
  const wanted = [...new Set(keys)].filter((k) => k > 0);
  const out = new Map<number, Person>([[0, { key: 0, id: null, name: null }]]);
  if (!wanted.length) return out;
  const { rows } = await db.execute<{ id: number; ref: string; name: string | null }>(sql`
    SELECT rk.id, rk.ref, coalesce(a.name, t.name) AS name
    FROM report_keys rk LEFT JOIN agents a ON a.id = rk.ref LEFT JOIN teams t ON t.id = rk.ref
    WHERE rk.id = ANY(${sql.param(wanted)}::int[])`);
  for (const row of rows) out.set(row.id, { key: row.id, id: row.ref, name: row.name });
  return out;
}
