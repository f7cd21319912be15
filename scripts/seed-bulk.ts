// `npm run seed:bulk -- --tickets 1000000 [--days 365] [--crisis] [--seed 1] [--rollups-only]`: generated history
// (channels, types, languages, agents and teams, replies, SLA outcomes, ratings, daily and weekly
// cycles, optionally a crisis) written with COPY into the database `npm start` uses
// (DATABASE_URL, or the embedded Postgres in DATA_DIR), then the report facts and rollups built
// from it. Run it with the service stopped: the relay's cursors are moved past the history, so
// no subscriber (surveys, reports) replays a year at once.
import { parseArgs } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { resolve } from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pino } from 'pino';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Executor } from '../src/db/client.ts';
import { sql } from 'drizzle-orm';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../src/infra/embedded-postgres.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { rebuildAll, rebuildRollups } from '../src/modules/reports/facts.apply.ts';
import { createRandom, seedId } from './seed-bulk/random.ts';
import { createWorld } from './seed-bulk/world.ts';
import { emptyRows, generateTicket, type Rows, type World } from './seed-bulk/history.ts';
import { CRISIS } from './seed-bulk/texts.ts';
import { rebuildAnswerIndex } from '../src/modules/suggestions/answer-rebuild.ts';

const { values: args } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '365' },
    crisis: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    // Only the rollups again from the facts already there (after a change to what rollups keep).
    'rollups-only': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(args.tickets);
const DAYS = Number(args.days);
if (!Number.isInteger(TICKETS) || TICKETS < 1 || !(DAYS > 0)) throw new Error('--tickets must be a positive integer and --days positive');

const HOUR = 3_600_000;
const CHUNK = 20_000;
const out = (text: string) => process.stdout.write(`${text}\n`);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const COLUMNS: Record<keyof Rows, string> = {
  tickets: 'tickets (id, subject, search, status, type, priority, channel, customer_id, assignee_id, team_id, tags, classification, thread_id, created_at, updated_at, solved_at, closed_at, version)',
  messages: 'messages (id, ticket_id, author, visibility, body, search, agent_id, customer_id, channel, external_id, received_at, created_at)',
  targets: 'sla_targets (id, ticket_id, policy_id, metric, cycle, status, started_at, within_ms, business_hours, calendar_id, paused_ms, due_at, breached_at, achieved_at, completed_at, elapsed_ms, created_at, updated_at)',
  events: 'events (id, type, ticket_id, actor_type, actor_id, data, created_at)',
  surveys: 'surveys (id, ticket_id, customer_id, status, language, send_at, sent_at, expires_at, rating, comment, reasons, answered_at, ticket_type, channel, agent_id, team_id, sla_outcome, created_at, updated_at)',
  corrections: 'classification_corrections (id, ticket_id, model_type, model_version, model_confidence, previous_type, agent_type, actor_type, actor_id, created_at)',
  due: 'ticket_sla_due (ticket_id, next_due_at)',
};

async function copy(client: pg.PoolClient, table: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await pipeline(Readable.from([`${lines.join('\n')}\n`]), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
}

/** Daily and weekly cycles in China's local time (UTC+8), and a year's growth. */
const DAILY = [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.6, 1.0, 1.4, 1.6, 1.5, 1.2, 1.3, 1.4, 1.4, 1.3, 1.2, 1.1, 1.2, 1.4, 1.5, 1.1, 0.6];
const WEEKLY = [0.75, 1.1, 1.05, 1.0, 1.0, 1.0, 0.8]; // Sunday first
function hourWeight(t: number, from: number, to: number): number {
  const local = new Date(t + 8 * HOUR);
  return DAILY[local.getUTCHours()]! * WEEKLY[local.getUTCDay()]! * (0.8 + (0.4 * (t - from)) / (to - from));
}

let postgres: EmbeddedPostgresHandle | undefined;
const url = process.env.DATABASE_URL ?? (postgres = await startEmbeddedPostgres({ dataDir: resolve(process.env.DATA_DIR ?? './.data'), database: 'ticketing', logger: pino({ level: 'warn' }) })).url;
await runMigrations(url);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const client = await pool.connect();
try {
  if (args['rollups-only']) {
    await rebuildRollups(drizzle(client) as unknown as Executor, (done, all) => out(`  rollups: ${done} / ${all} months (${elapsed()})`));
    await client.query('VACUUM ANALYZE report_rollups');
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM report_rollups');
    out(`rollups rebuilt in ${elapsed()}: ${Number(rows[0]!.n).toLocaleString('en')} rows`);
    process.exitCode = 0;
  } else {
    const random = createRandom(Number(args.seed));
    const now = Math.floor(Date.now() / HOUR) * HOUR;
    const from = now - DAYS * 24 * HOUR;
    out(`seed:bulk: ${TICKETS.toLocaleString('en')} tickets over ${DAYS} days${args.crisis ? ', with a crisis' : ''}, into ${postgres ? `the embedded Postgres in ${process.env.DATA_DIR ?? './.data'}` : 'DATABASE_URL'}`);
    const tag = `#${seedId('s', now, random).slice(-6)}`;
    const { teams, policyFor } = await createWorld(client, random, tag, now);

    const customerCount = Math.max(1, Math.round(TICKETS / 3));
    const customers: string[] = [];
    const customerLines: string[] = [];
    for (let i = 0; i < customerCount; i++) {
      const id = seedId('cus', from, random);
      customers.push(id);
      customerLines.push(`${id}\t客户${i + 1}\t${new Date(from).toISOString()}\t${new Date(from).toISOString()}`);
    }
    await copy(client, 'customers (id, name, created_at, updated_at)', customerLines);
    out(`  ${customerCount.toLocaleString('en')} customers, ${teams.length} teams, ${teams.reduce((n, t) => n + t.agents.length, 0)} agents (${elapsed()})`);

    // How many tickets each hour gets: its share of the weights, fractions carried over.
    const hours: number[] = [];
    for (let t = from; t < now; t += HOUR) hours.push(t);
    const weights = hours.map((t) => hourWeight(t, from, now));
    const total = weights.reduce((s, w) => s + w, 0);
    const crisisStart = now - 2 * 24 * HOUR;
    const crisisTickets = args.crisis ? Math.max(200, Math.round(TICKETS * 0.002)) : 0;
    const world: World = { now, random, teams, policyFor, customers };

    let rows = emptyRows();
    let pending = 0;
    let written = 0;
    let carry = 0;
    // Postgres loads one chunk while we generate the next (two cores, both busy).
    let loading: Promise<void> = Promise.resolve();
    const flush = async () => {
      await loading;
      const [chunk, n] = [rows, pending];
      rows = emptyRows();
      pending = 0;
      loading = (async () => {
        await client.query('BEGIN');
        await client.query('SET LOCAL synchronous_commit = off');
        for (const table of Object.keys(COLUMNS) as (keyof Rows)[]) await copy(client, COLUMNS[table], chunk[table]);
        await client.query('COMMIT');
        written += n;
        if (written % 100_000 < CHUNK) out(`  ${written.toLocaleString('en')} tickets (${elapsed()})`);
      })();
    };
    for (const [i, hour] of hours.entries()) {
      const exact = (TICKETS * weights[i]!) / total + carry;
      let count = Math.floor(exact);
      carry = exact - count;
      const times: { at: number; crisis: boolean }[] = [];
      while (count-- > 0) times.push({ at: hour + random.next() * HOUR, crisis: false });
      // The crisis: complaints about one product swell over three hours (1:3:6) on top of the usual.
      if (crisisTickets && hour >= crisisStart && hour < crisisStart + 3 * HOUR) {
        const share = [0.1, 0.3, 0.6][(hour - crisisStart) / HOUR]!;
        for (let n = Math.round(crisisTickets * share); n > 0; n--) times.push({ at: hour + random.next() * HOUR, crisis: true });
      }
      times.sort((a, b) => a.at - b.at);
      for (const t of times) {
        generateTicket(world, { created: t.at, crisis: t.crisis }, rows);
        if (++pending >= CHUNK) await flush();
      }
    }
    if (pending) await flush();
    await loading;
    out(`  history written: ${written.toLocaleString('en')} tickets${crisisTickets ? `, ${crisisTickets} of them the crisis about ${CRISIS.product}` : ''} (${elapsed()})`);

    // A corrected ticket was reviewed at its first correction (as migration 0023 does for old data).
    await client.query(`UPDATE tickets t SET type_reviewed_at = c.first_at
      FROM (SELECT ticket_id, min(created_at) AS first_at FROM classification_corrections GROUP BY ticket_id) c WHERE c.ticket_id = t.id`);
    // Subscribers start after the history: nothing replays a year of events at once.
    await client.query(`UPDATE event_cursors SET txid = pg_snapshot_xmin(pg_current_snapshot()), seq = 0, updated_at = now()`);
    await client.query('ANALYZE');
    out(`  analyzed (${elapsed()})`);

    const db = drizzle(client) as unknown as Executor;
    await rebuildAll(db, {
      onProgress: (done, all) => out(`  report facts: ${done.toLocaleString('en')} / ${all.toLocaleString('en')} tickets (${elapsed()})`),
      onRollups: (done, all) => out(`  rollups: ${done} / ${all} months (${elapsed()})`),
    });
    await db.execute(sql`INSERT INTO report_backfill (id, next_ticket_no, done, updated_at) VALUES (1, (SELECT coalesce(max(number), 0) + 1 FROM tickets), true, now())
      ON CONFLICT (id) DO UPDATE SET next_ticket_no = excluded.next_ticket_no, done = true, updated_at = now()`);
    await client.query('VACUUM ANALYZE report_facts, report_rollups, report_spans');
    const answers = await rebuildAnswerIndex(db);
    out(`  suggested answers: ${answers.tickets.toLocaleString('en')} solved tickets in ${answers.answers.toLocaleString('en')} answers (${elapsed()})`);
    const counts = (await client.query<{ facts: string; daily: string; spans: string }>(
      `SELECT (SELECT count(*) FROM report_facts) AS facts, (SELECT count(*) FROM report_rollups) AS daily, (SELECT count(*) FROM report_spans) AS spans`,
    )).rows[0]!;
    out(`seed:bulk done in ${elapsed()}: ${Number(counts.facts).toLocaleString('en')} facts, ${Number(counts.daily).toLocaleString('en')} rollup rows, ${Number(counts.spans).toLocaleString('en')} backlog spans`);
  }
} finally {
  client.release();
  await pool.end();
  await postgres?.stop();
}
