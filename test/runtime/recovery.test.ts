import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { pino } from 'pino';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.ts';
import { makeRunDir, type RunDir } from '../../src/infra/run-dir.ts';
import { freePort } from '../../src/infra/free-port.ts';

/**
 * The service recovers by itself: a lost database connection does not end the process, and a
 * Redis that comes back empty gets its schedules back and what came due meanwhile done, from
 * Postgres. This file runs its own redis-server, so killing it disturbs no other file.
 */
let runDir: RunDir;
let redisPort: number;
let redis: RedisServerHandle;
let h: Harness;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  runDir = makeRunDir('ticketing-recovery-');
  redisPort = await freePort();
  redis = await startRedisServer({ dataDir: runDir.path, logger, port: redisPort });
  h = await createHarness({ redisUrl: redis.url, worker: true });
});
afterAll(async () => {
  await h.close();
  await redis.stop();
  runDir.remove();
});

async function waitFor(check: () => Promise<boolean>, ms: number) {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(50)) if (await check()) return true;
  return false;
}

describe('recovery', () => {
  it('a terminated backend under a transaction in flight fails that request only; the pool serves on', async () => {
    const killer = new pg.Client({ connectionString: h.databaseUrl });
    await killer.connect();
    try {
      const client = await h.container.db.pool.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await client.query('BEGIN');
      await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      // Between two statements of the transaction, the checked-out client emits 'error';
      // unheard, it would end the process (and this run).
      await sleep(300);
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(new Error('connection lost'));
      await sleep(100);
      expect((await h.container.db.pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1);
      expect((await h.http.get('/v1/tickets').set(h.auth)).status).toBe(200);
    } finally {
      await killer.end();
    }
  });

  it('Redis restarted empty: an overdue SLA timer fires within 2 s, a due survey is sent', async () => {
    await h.http.post('/v1/sla-policies').set(h.auth).send({ name: 'One second', position: 0, targets: [{ metric: 'first_response', within: 'PT1S' }] }).expect(201);
    const settings = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
    const { updatedAt: _u, version, ...body } = settings;
    await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', `"${version}"`).send({ ...body, delay: 'PT1S' }).expect(200);

    const solved = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
    await h.http.post(`/v1/tickets/${solved.id}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
    await h.http.patch(`/v1/tickets/${solved.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;

    // Redis loses everything (its AOF replays the FLUSHALL) and stays down past both deadlines.
    const { Redis } = await import('ioredis');
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    await redis.child.kill('SIGKILL');
    await sleep(2_000);
    expect((await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body.sla[0].status).toBe('active');
    redis = await startRedisServer({ dataDir: runDir.path, logger, port: redisPort });
    const back = Date.now();

    const breached = await waitFor(async () => (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body.sla[0].status === 'breached', 2_000);
    expect(breached, `breached within 2 s of Redis coming back (${Date.now() - back} ms)`).toBe(true);
    expect(await waitFor(async () => (await h.http.get(`/v1/tickets/${solved.id}/survey`).set(h.auth)).body.status === 'sent', 5_000)).toBe(true);
    // The schedules are back too: the sweep job exists again in the new Redis.
    const schedulers = await h.container.sla.timers.queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('sla-sweep');
  });
});
