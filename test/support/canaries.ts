import type { Redis } from 'ioredis';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../src/db/client.ts';

/**
 * Personal values no other test writes, planted through every write route by the canary test:
 * wherever one of them turns up (a log line, a Redis key, a database row after erasure, the
 * /metrics output), personal data leaked there. Lower-case ASCII words, so the search tokeniser
 * keeps each one whole and a tsvector shows it as it is; the phone as written and as stored.
 */
export const CANARIES = {
  name: 'zqxcanaryname',
  renamed: 'zqxcanaryrenamed',
  email: 'zqxcanary.mail@example.cn',
  phone: '+86 139 7531 8642',
  phoneStored: '+8613975318642',
  channelUserId: 'zqxcanaryuserid',
  handle: '@zqxcanaryhandle',
  threadId: 'zqxcanarythread',
  subject: 'zqxcanarysubject',
  body: 'zqxcanarybody',
  followUp: 'zqxcanaryfollowup',
  customerMessage: 'zqxcanarycustomermessage',
  reply: 'zqxcanaryreply',
  note: 'zqxcanarynote',
  patchedSubject: 'zqxcanarypatched',
  ticketSubject: 'zqxcanaryticketsubject',
  ticketBody: 'zqxcanaryticketbody',
  surveyComment: 'zqxcanarycomment',
  webhookEcho: 'zqxcanaryecho',
} as const;

const needles = Object.entries(CANARIES).flatMap(([label, value]) => {
  const forms = [value.toLowerCase()];
  if (label === 'phone') forms.push(value.replace(/\D/g, ''), value.replace(/\D/g, '').slice(2));
  if (label === 'handle') forms.push(value.slice(1));
  return forms.map((form) => ({ label, form }));
});

/** Which canaries `text` holds (case-insensitive, the phone in any of its forms), by name; none: []. */
export function findCanaries(text: string): string[] {
  const haystack = text.toLowerCase();
  const digits = haystack.replace(/[\s\-()]/g, '');
  return [...new Set(needles.filter(({ form }) => haystack.includes(form) || (/^\d+$/.test(form) && digits.includes(form))).map((n) => n.label))];
}

/** Every key of this Redis with its value as text, read by type (strings, hashes, lists, sets, sorted sets, streams). */
export async function redisContents(redis: Redis): Promise<{ key: string; value: string }[]> {
  const out: { key: string; value: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', '1000');
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === 'string') value = await redis.get(key);
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'set') value = await redis.smembers(key);
      else if (type === 'zset') value = await redis.zrange(key, '0', '-1', 'WITHSCORES');
      else if (type === 'stream') value = await redis.xrange(key, '-', '+');
      else value = type === 'none' ? null : `(${type})`;
      out.push({ key, value: JSON.stringify(value) });
    }
  } while (cursor !== '0');
  return out;
}

/** Canaries in Redis: `key: labels` for each key whose name or value holds one. */
export async function canariesInRedis(redis: Redis): Promise<string[]> {
  return (await redisContents(redis)).flatMap(({ key, value }) => {
    const found = findCanaries(`${key}\n${value}`);
    return found.length ? [`${key}: ${found.join(', ')}`] : [];
  });
}

/**
 * Canaries in the database: every column of every table that can hold text (text, varchar, json,
 * jsonb, tsvector, arrays), searched as text; `table.column: labels` for each hit.
 */
export async function canariesInDatabase(db: Executor): Promise<string[]> {
  const { rows: columns } = await db.execute<{ table_name: string; column_name: string }>(sql`
    SELECT c.table_name, c.column_name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'tsvector', 'ARRAY') OR c.udt_name = 'tsvector')
    ORDER BY 1, 2`);
  const pattern = needles.map(({ form }) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const hits: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const { rows } = await db.execute<{ text: string }>(
      sql`SELECT ${sql.identifier(column)}::text AS text FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)}::text ~* ${pattern} LIMIT 5`,
    );
    const found = [...new Set(rows.flatMap((row) => findCanaries(row.text)))];
    if (found.length) hits.push(`${table}.${column}: ${found.join(', ')}`);
  }
  return hits;
}
