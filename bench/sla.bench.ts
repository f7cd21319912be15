// `npm run bench:sla`: 100,000 SLA targets due over 60 s, fired by a real worker process through
// BullMQ; prints firing lateness p50/p99/max and the lost and duplicate counts. In the same run,
// the same count and spread of bare BullMQ delayed jobs into a worker that only notes the time
// (bench/sla-raw-worker.ts): the ceiling, what BullMQ and Redis add on this machine by themselves.
//
// Both halves arm everything before the first deadline: the worker is started and ready first,
// then arming is timed on a sample and the lead time chosen from it (at least BENCH_LEAD_MS), so a
// slow moment of a shared machine lengthens the lead instead of starting early timers late.
import { spawnTied } from '../src/infra/tied-spawn.ts';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import pg from 'pg';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres } from '../src/infra/embedded-postgres.ts';
import { startRedisServer } from '../src/infra/redis-server.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { makeRunDir } from '../src/infra/run-dir.ts';
import { createSlaTimers, SLA_QUEUE } from '../src/modules/sla/sla.queue.ts';
import { producerConnection } from '../src/shared/queues.ts';
import { systemClock } from '../src/shared/clock.ts';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 100_000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 60_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000); // the least time to arm every timer before the first is due
// After the last deadline, wait for stragglers this long before counting what never fired.
const GRACE_MS = Number(process.env.BENCH_GRACE_MS ?? 120_000);
const SAMPLE = 5_000;
const CHUNK = 1_000; // as SlaTimers.arm adds them
const PREFIX = 'bench';
const RAW_PREFIX = 'benchraw';
const RAW_QUEUE = 'raw';

const logger = pino({ level: 'warn' });
const runDir = makeRunDir('ticketing-bench-sla-');
const dataDir = runDir.path;
const [postgres, redis] = await Promise.all([startEmbeddedPostgres({ dataDir, database: 'bench', logger }), startRedisServer({ dataDir, logger })]);
await runMigrations(postgres.url);
const db = new pg.Pool({ connectionString: postgres.url, max: 4 });
const redisClient = new Redis(redis.url);
const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Figures {
  fired: number;
  p50: number;
  p99: number;
  max: number;
  lost: number;
  duplicates: number;
  armMs: number;
  marginMs: number;
}

/** Waits until a worker process holds a connection on the queue (it is consuming). */
async function untilConsuming(queue: Queue, child: ChildProcess): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
    if ((await queue.getWorkersCount()) > 0) return;
    await sleep(200);
  }
  throw new Error('worker not consuming after 60 s');
}

/**
 * How long arming TARGETS jobs will take now: a sample into a scratch queue, timed, scaled, and
 * doubled for the machine's moods; plus `extraMs` for what else happens before the first deadline.
 */
async function leadTime(extraMs: number): Promise<number> {
  const scratch = new Queue('calibrate', { connection: producerConnection(redis.url), prefix: 'benchcal' });
  const now = Date.now();
  const started = performance.now();
  for (let i = 0; i < SAMPLE; i += CHUNK) {
    await scratch.addBulk(Array.from({ length: CHUNK }, (_, j) => ({ name: 'x', data: { dueAt: now }, opts: { jobId: `c${i + j}`, delay: 3_600_000, removeOnComplete: true } })));
  }
  const projected = ((performance.now() - started) * TARGETS) / SAMPLE;
  await scratch.obliterate({ force: true });
  await scratch.close();
  return Math.max(LEAD_MS, Math.ceil(2 * projected + extraMs));
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]! : 0);

/** The ceiling: bare delayed jobs, same count, spread, chunking and worker concurrency. */
async function rawRun(): Promise<Figures> {
  const queue = new Queue(RAW_QUEUE, { connection: producerConnection(redis.url), prefix: RAW_PREFIX });
  const worker = spawnTied(process.execPath, ['--import', 'tsx', 'bench/sla-raw-worker.ts'], {
    env: { ...process.env, REDIS_URL: redis.url, QUEUE_PREFIX: RAW_PREFIX, RAW_QUEUE },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilConsuming(queue, worker);
    const lead = await leadTime(2_000);
    const t0 = Date.now() + lead;
    const armStart = performance.now();
    for (let i = 0; i < TARGETS; i += CHUNK) {
      const now = Date.now();
      await queue.addBulk(
        Array.from({ length: Math.min(CHUNK, TARGETS - i) }, (_, j) => {
          const dueAt = Math.round(t0 + ((i + j) * SPREAD_MS) / TARGETS);
          return { name: 'fire-breach', data: { dueAt }, opts: { jobId: `raw${i + j}`, delay: Math.max(0, dueAt - now), removeOnComplete: true, removeOnFail: 1000, attempts: 10 } };
        }),
      );
    }
    const armMs = performance.now() - armStart;
    const marginMs = t0 - Date.now();
    const key = `${RAW_PREFIX}:raw:fired`;
    const end = t0 + SPREAD_MS + GRACE_MS;
    while (Date.now() < end && (await redisClient.llen(key)) < TARGETS) await sleep(1_000);
    const entries = (await redisClient.lrange(key, 0, -1)).map((entry) => entry.split(' '));
    const ids = new Set(entries.map(([id]) => id));
    const lateness = entries.map(([, ms]) => Number(ms)).sort((a, b) => a - b);
    return { fired: entries.length, p50: percentile(lateness, 0.5), p99: percentile(lateness, 0.99), max: lateness.at(-1) ?? 0, lost: TARGETS - ids.size, duplicates: entries.length - ids.size, armMs, marginMs };
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await queue.close();
  }
}

/** The service: targets in Postgres, armed by SlaTimers, breached by `src/worker.ts`. */
async function serviceRun(): Promise<Figures> {
  await db.query(`INSERT INTO customers (id, name, created_at, updated_at) VALUES ('cus_bench', 'bench', now(), now())`);
  await db.query(
    `INSERT INTO tickets (id, subject, status, priority, channel, customer_id, created_at, updated_at)
     SELECT 'tkt_b' || i, 'bench', 'open', 'normal', 'web', 'cus_bench', now(), now() FROM generate_series(1, $1) i`,
    [TARGETS],
  );
  // As if the API had armed every timer at creation: the sweeper's watermark says the horizon is
  // covered, so the worker does not start with a full re-arm (what happens after Redis loses data).
  await redisClient.set(`${PREFIX}:sla:armed-until`, new Date(Date.now() + 10 * 60_000).toISOString());
  await redisClient.set(`${PREFIX}:sla:swept-at`, new Date().toISOString());
  const slaQueue = new Queue(SLA_QUEUE, { connection: producerConnection(redis.url), prefix: PREFIX });
  const worker = spawnTied(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await untilConsuming(slaQueue, worker);
    // Inserting the targets happens within the lead too (about as long as arming them, measured here).
    const lead = await leadTime(5_000);
    const t0 = Date.now() + lead;
    // Changed an hour ago (armed then): the sweeper's "recently changed" pass leaves them to their timers.
    await db.query(
      `INSERT INTO sla_targets (id, ticket_id, metric, cycle, status, started_at, within_ms, business_hours, due_at, created_at, updated_at)
       SELECT 'sla_b' || i, 'tkt_b' || i, 'first_response', 1, 'active', now() - interval '1 hour', 1000, false,
              to_timestamp(($2::bigint + (i - 1) * $3::float8 / $1) / 1000.0), now() - interval '1 hour', now() - interval '1 hour'
       FROM generate_series(1, $1) i`,
      [TARGETS, t0, SPREAD_MS],
    );
    // A live database has planner statistics; freshly bulk-loaded tables do not until autovacuum runs.
    await db.query('ANALYZE tickets, sla_targets, events, ticket_sla_due');

    const timers = createSlaTimers({ redisUrl: redis.url, prefix: PREFIX, clock: systemClock, logger });
    const armStart = performance.now();
    const rows = (await db.query<{ id: string; due_at: Date }>('SELECT id, due_at FROM sla_targets ORDER BY due_at')).rows;
    await timers.arm(rows.map((row) => ({ id: row.id, dueAt: row.due_at, warnAt: null, warnedAt: null })));
    await timers.close();
    const armMs = performance.now() - armStart;
    const marginMs = t0 - Date.now();

    const end = t0 + SPREAD_MS + GRACE_MS;
    let breached = 0;
    while (Date.now() < end && breached < TARGETS) {
      await sleep(1_000);
      const { rows: [progress] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached'`);
      breached = progress?.n ?? 0;
    }
    const { rows: [stats] } = await db.query<{ n: number; p50: number; p99: number; max: number }>(`
      SELECT count(*)::int AS n,
        percentile_disc(0.5) WITHIN GROUP (ORDER BY lateness) AS p50,
        percentile_disc(0.99) WITHIN GROUP (ORDER BY lateness) AS p99,
        max(lateness) AS max
      FROM (SELECT extract(epoch FROM (e.created_at - (e.data->>'dueAt')::timestamptz)) * 1000 AS lateness
            FROM events e WHERE e.type = 'sla.breached') l`);
    // Where the tail is: the seconds (of due time) with the latest breaches, to tell a pause from a trend.
    const { rows: worst } = await db.query<{ s: number; n: number; p99: number }>(`
      SELECT s, count(*)::int AS n, percentile_disc(0.99) WITHIN GROUP (ORDER BY lateness) AS p99
      FROM (SELECT floor(extract(epoch FROM ((e.data->>'dueAt')::timestamptz - to_timestamp($1 / 1000.0))))::int AS s,
                   extract(epoch FROM (e.created_at - (e.data->>'dueAt')::timestamptz)) * 1000 AS lateness
            FROM events e WHERE e.type = 'sla.breached') l
      GROUP BY s ORDER BY p99 DESC LIMIT 3`, [t0]);
    out(`  service  latest seconds of the minute: ${worst.map((w) => `${w.s} s (p99 ${Math.round(Number(w.p99))} ms)`).join(', ')}`);
    const { rows: [lost] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_targets WHERE status <> 'breached'`);
    const { rows: [dups] } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT data->>'targetId' FROM events WHERE type = 'sla.breached' GROUP BY 1 HAVING count(*) > 1) d`,
    );
    return { fired: stats?.n ?? 0, p50: Number(stats?.p50 ?? 0), p99: Number(stats?.p99 ?? 0), max: Number(stats?.max ?? 0), lost: lost?.n ?? 0, duplicates: dups?.n ?? 0, armMs, marginMs };
  } finally {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    await slaQueue.close();
  }
}

function print(name: string, f: Figures): void {
  out(`  ${name.padEnd(8)} fired ${f.fired}  lateness ms p50 ${Math.round(f.p50)}  p99 ${Math.round(f.p99)}  max ${Math.round(f.max)}  lost ${f.lost}  duplicates ${f.duplicates}`);
  out(`  ${''.padEnd(8)} armed in ${seconds(f.armMs)}, ${f.marginMs >= 0 ? `${seconds(f.marginMs)} before the first deadline` : `${seconds(-f.marginMs)} AFTER the first deadline (early timers start late)`}`);
}

try {
  out(`sla: ${TARGETS} targets due over ${SPREAD_MS / 1000} s, one worker process each (concurrency 50)`);
  out('raw BullMQ delayed jobs (the ceiling)…');
  const raw = await rawRun();
  print('raw', raw);
  out('the service (Postgres targets, SlaTimers, src/worker.ts)…');
  const service = await serviceRun();
  print('raw', raw);
  print('service', service);
  const ratio = raw.p99 > 0 ? service.p99 / raw.p99 : Infinity;
  const met = service.p99 < 500 && service.p99 <= 2 * Math.max(raw.p99, 1) && service.lost === 0 && service.duplicates === 0 && service.marginMs >= 0;
  out(`  p99 ${Math.round(service.p99)} ms = ${ratio.toFixed(2)}× the raw ${Math.round(raw.p99)} ms; aim p99 < 500 ms and ≤ 2× raw, 0 lost, 0 duplicates: ${met ? 'met' : 'NOT met'}`);
  process.exitCode = met ? 0 : 1;
} finally {
  redisClient.disconnect();
  await db.end();
  await Promise.allSettled([postgres.stop(), redis.stop()]);
  runDir.remove();
}
