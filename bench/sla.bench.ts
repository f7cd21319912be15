// `npm run bench:sla`: 100,000 SLA targets due over 60 s, fired by a real worker process through
// BullMQ; prints firing lateness p50/p99/max and the lost and duplicate counts.
import { spawnTied } from '../src/infra/tied-spawn.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/infra/embedded-postgres.ts';
import { startRedisServer } from '../src/infra/redis-server.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { makeRunDir } from '../src/infra/run-dir.ts';
import { createSlaTimers } from '../src/modules/sla/sla.queue.ts';
import { systemClock } from '../src/shared/clock.ts';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 100_000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 60_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000); // time to arm every timer before the first is due
// After the last deadline, wait for stragglers this long before counting what never fired.
const GRACE_MS = Number(process.env.BENCH_GRACE_MS ?? 120_000);
const PREFIX = 'bench';

const logger = pino({ level: 'warn' });
const runDir = makeRunDir('ticketing-bench-sla-');
const dataDir = runDir.path;
const [postgres, redis] = await Promise.all([startEmbeddedPostgres({ dataDir, database: 'bench', logger }), startRedisServer({ dataDir, logger })]);
await runMigrations(postgres.url);
const db = new pg.Pool({ connectionString: postgres.url, max: 4 });
const out = (line: string) => process.stdout.write(`${line}\n`);

try {
  const t0 = Date.now() + LEAD_MS;
  out(`inserting ${TARGETS} tickets and first-response targets due between +${LEAD_MS / 1000}s and +${(LEAD_MS + SPREAD_MS) / 1000}s…`);
  await db.query(`INSERT INTO customers (id, name, created_at, updated_at) VALUES ('cus_bench', 'bench', now(), now())`);
  await db.query(
    `INSERT INTO tickets (id, subject, status, priority, channel, customer_id, created_at, updated_at)
     SELECT 'tkt_b' || i, 'bench', 'open', 'normal', 'web', 'cus_bench', now(), now() FROM generate_series(1, $1) i`,
    [TARGETS],
  );
  await db.query(
    `INSERT INTO sla_targets (id, ticket_id, metric, cycle, status, started_at, within_ms, business_hours, due_at, created_at, updated_at)
     SELECT 'sla_b' || i, 'tkt_b' || i, 'first_response', 1, 'active', now(), 1000, false,
            to_timestamp(($2::bigint + (i - 1) * $3::float8 / $1) / 1000.0), now(), now()
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
  // As if the API had armed them at creation: the sweeper's watermark says the horizon is covered,
  // so the worker does not start with a full re-arm (that is what happens after Redis loses data).
  const { Redis } = await import('ioredis');
  const redisClient = new Redis(redis.url);
  await redisClient.set(`${PREFIX}:sla:armed-until`, new Date(t0 + SPREAD_MS).toISOString());
  await redisClient.set(`${PREFIX}:sla:swept-at`, new Date().toISOString());
  redisClient.disconnect();
  out(`armed ${rows.length} BullMQ delayed jobs in ${((performance.now() - armStart) / 1000).toFixed(1)} s`);
  if (Date.now() > t0) out('warning: arming took longer than the lead time; early targets start late');

  const worker = spawnTied(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, DATABASE_URL: postgres.url, REDIS_URL: redis.url, QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const end = t0 + SPREAD_MS + GRACE_MS;
  let breached = 0;
  while (Date.now() < end && breached < TARGETS) {
    await sleep(5_000);
    const { rows: [progress] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached'`);
    breached = progress?.n ?? 0;
    out(`  ${Math.round((Date.now() - t0) / 1000)} s: ${breached} breaches recorded`);
  }
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));

  const { rows: [stats] } = await db.query<{ n: number; p50: number; p99: number; max: number }>(`
    SELECT count(*)::int AS n,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness) AS p50,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness) AS p99,
      max(lateness) AS max
    FROM (SELECT extract(epoch FROM (e.created_at - (e.data->>'dueAt')::timestamptz)) * 1000 AS lateness
          FROM events e WHERE e.type = 'sla.breached') l`);
  const { rows: [lost] } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sla_targets WHERE status <> 'breached'`);
  const { rows: [dups] } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT data->>'targetId' FROM events WHERE type = 'sla.breached' GROUP BY 1 HAVING count(*) > 1) d`,
  );
  out('');
  out(`sla: ${TARGETS} targets due over ${SPREAD_MS / 1000} s, one worker process`);
  out(`  breaches     ${stats?.n}`);
  out(`  lateness ms  p50 ${Math.round(stats?.p50 ?? 0)}  p99 ${Math.round(stats?.p99 ?? 0)}  max ${Math.round(stats?.max ?? 0)}`);
  out(`  lost         ${lost?.n}   (never fired, ${GRACE_MS / 1000} s after the last deadline)`);
  out(`  duplicates   ${dups?.n}`);
} finally {
  await db.end();
  await Promise.allSettled([postgres.stop(), redis.stop()]);
  runDir.remove();
}
