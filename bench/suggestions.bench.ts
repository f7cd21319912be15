// `npm run bench:suggestions`: GET /v1/tickets/{id}/suggestions over HTTP for open tickets of the
// database `npm start` uses (seed it with `npm run seed:bulk -- --tickets 1000000` first; the
// answer index is built first when it is empty), as the desk calls it when an agent opens a
// ticket; prints p50/p95/max and how often the first suggestion answers the same question.
// The API role runs alone (src/main.ts, as in production), on the embedded Postgres and Redis the
// bench starts on DATA_DIR: a worker in the same process would spend the first start indexing a
// million seeded messages' topics (its one-off backfill), which is not what the desk waits for.
import { resolve } from 'node:path';
import { pino } from 'pino';
import pg from 'pg';
import { parseEnv } from '../src/config/env.ts';
import { provideInfrastructure } from '../src/runtime/infrastructure.ts';
import { startService } from './start-service.ts';
import { rebuildOn } from '../scripts/suggestions-rebuild.ts';
import { similarityTerms } from '../src/modules/suggestions/similarity.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/**
 * BENCH_DISTINCT=n adds n synthetic answers, each a distinct question (two real terms of its type
 * and six of a 50,000-term vocabulary, skewed like words are), for the case the generated history
 * is kind to: a help desk whose questions rarely repeat. They are removed afterwards.
 */
const DISTINCT = Number(process.env.BENCH_DISTINCT ?? 0);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 300);
const out = (line: string) => process.stdout.write(`${line}\n`);

const infra = await provideInfrastructure(parseEnv({ ...process.env, DATA_DIR: resolve(process.env.DATA_DIR ?? './.data') }), pino({ level: 'warn' }));
await rebuildOn(infra.databaseUrl, { onlyIfEmpty: true });
const pool = new pg.Pool({ connectionString: infra.databaseUrl, max: 1 });
const recount = () =>
  pool.query(`DELETE FROM suggestion_terms; INSERT INTO suggestion_terms (type, term, df)
    SELECT type, term, count(*) FROM suggestion_answers, unnest(terms || ''::text) AS term GROUP BY type, term; ANALYZE suggestion_answers, suggestion_terms`);
if (DISTINCT > 0) {
  const started = performance.now();
  await pool.query(`DELETE FROM suggestion_answers WHERE signature LIKE 'synthetic-%'`);
  await pool.query(
    `WITH real AS (SELECT type, array_agg(term) AS terms FROM suggestion_terms WHERE term <> '' GROUP BY type)
     INSERT INTO suggestion_answers (type, signature, terms, tickets, ticket_id, ticket_number, subject, replies, solved_at)
     SELECT r.type, 'synthetic-' || g, s.terms, 1, 'tkt_synthetic_' || g, 0, 'synthetic', '["synthetic"]'::jsonb, now() - interval '400 days'
     FROM generate_series(1, $1::int) AS g
     JOIN real r ON r.type = (ARRAY['question', 'complaint', 'suggestion'])[1 + g % 3]
     CROSS JOIN LATERAL (
       SELECT array_agg(DISTINCT x ORDER BY x) AS terms FROM (
         SELECT r.terms[1 + floor(random() * cardinality(r.terms))::int] AS x FROM generate_series(1, 2) WHERE g > 0
         UNION ALL
         SELECT 'syn' || floor(50000 * power(random(), 2))::int FROM generate_series(1, 6) WHERE g > 0) u) s`,
    [DISTINCT],
  );
  await recount();
  out(`added ${DISTINCT.toLocaleString('en')} synthetic distinct answers (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
const service = await startService({ DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, RATE_LIMIT_PER_MINUTE: '0' }, { entry: 'src/main.ts' });
const auth = { authorization: `Bearer ${service.adminKey}` };
const json = async <T>(path: string) => {
  const response = await fetch(`${service.url}${path}`, { headers: auth });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

interface Ticket { id: string; subject: string; type: string | null }
interface Suggestions { data: { kind: string; answer?: { subject: string } }[] }

try {
  // Open tickets of each type, as queues show them (newest first), a page per type and status.
  const tickets: Ticket[] = [];
  for (const type of ['question', 'complaint', 'suggestion']) {
    for (const status of ['new', 'open', 'pending']) {
      tickets.push(...(await json<{ data: Ticket[] }>(`/v1/tickets?status=${status}&type=${type}&limit=${Math.ceil(TICKETS / 9)}`)).data);
    }
  }
  for (const t of tickets.slice(0, 20)) await json(`/v1/tickets/${t.id}/suggestions`); // warm connections and plans
  const times: number[] = [];
  let answered = 0;
  let sameQuestion = 0;
  let searchable = 0;
  // The same question: the same terms (a traditional 請問 and a simplified 请问 subject are one question).
  const question = (subject: string) => similarityTerms(subject).join(' ');
  for (let round = 0; round < ROUNDS; round++) {
    for (const ticket of tickets) {
      const started = performance.now();
      const body = await json<Suggestions>(`/v1/tickets/${ticket.id}/suggestions`);
      times.push(performance.now() - started);
      if (round > 0) continue;
      const first = body.data.find((s) => s.kind === 'answer');
      if (question(ticket.subject)) searchable++;
      if (first) answered++;
      if (first?.answer && question(first.answer.subject) === question(ticket.subject)) sameQuestion++;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const { rows: [index] } = await pool.query<{ answers: string }>('SELECT count(*) AS answers FROM suggestion_answers');
  out(`suggestions over HTTP: ${tickets.length} open tickets x ${ROUNDS} rounds, ${Number(index!.answers).toLocaleString('en')} answers in the index`);
  out(`  p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`);
  out(`  ${searchable} of ${tickets.length} have searchable words; an answer offered for ${answered}; the first answer asked the same question (same terms) for ${sameQuestion}`);
} finally {
  await service.stop();
  if (DISTINCT > 0) {
    await pool.query(`DELETE FROM suggestion_answers WHERE signature LIKE 'synthetic-%'`);
    await recount();
  }
  await pool.end();
  await infra.stop();
}
