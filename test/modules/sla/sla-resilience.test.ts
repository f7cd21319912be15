import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { spawnTied } from '../../../src/infra/tied-spawn.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { startRedisServer, type RedisServerHandle } from '../../../src/infra/redis-server.ts';
import { makeRunDir, type RunDir } from '../../../src/infra/run-dir.ts';
import { sweeperFor } from '../../support/sweeper.ts';

/**
 * Redis is only an alarm clock: losing it, or the worker, must not lose or duplicate a breach.
 * This file runs its own redis-server, so FLUSHALL cannot disturb other test files.
 */
let redisServer: RedisServerHandle;
let dataDir: RunDir;
let h: Harness;
let redis: Redis;

beforeAll(async () => {
  dataDir = makeRunDir('sla-resilience-');
  redisServer = await startRedisServer({ dataDir: dataDir.path, logger: pino({ level: 'silent' }) });
  h = await createHarness({ redisUrl: redisServer.url });
  redis = new Redis(redisServer.url);
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'Two seconds', position: 0, targets: [{ metric: 'first_response', within: 'PT2S' }] })
    .expect(201);
});
afterAll(async () => {
  redis.disconnect();
  await h.close();
  await redisServer.stop();
  dataDir.remove();
});

async function breaches(ticketId: string) {
  const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth)).body.data as { type: string }[];
  return events.filter((e) => e.type === 'sla.breached').length;
}

function startWorkerProcess(): ChildProcess {
  return spawnTied(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL: redisServer.url, QUEUE_PREFIX: h.queuePrefix, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
}

async function waitFor(check: () => Promise<boolean>, ms: number) {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (await check()) return true;
  return false;
}

describe('SLA timers survive Redis and worker failures', () => {
  it('FLUSHALL, then sweeps: exactly one breach per overdue target', async () => {
    const tickets = await Promise.all(Array.from({ length: 5 }, async () => (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket));
    await redis.flushall(); // every timer (and the sweeper's marker) is gone
    await sleep(2_100); // all five are now overdue, and no worker is running
    const sweeper = sweeperFor(h, { redis });
    const [first, second] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
    expect(first.fullRearm || second.fullRearm).toBe(true);
    await sweeper.sweep();
    for (const ticket of tickets) expect(await breaches(ticket.id)).toBe(1);
  });

  it('re-arms the timers of running targets after FLUSHALL', async () => {
    await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
    await redis.flushall();
    expect(await h.container.sla.timers.queue.getDelayedCount()).toBe(0);
    const sweeper = sweeperFor(h, { redis });
    const result = await sweeper.sweep();
    expect(result.fullRearm).toBe(true);
    expect(result.armed).toBeGreaterThanOrEqual(1);
    expect(await h.container.sla.timers.queue.getDelayedCount()).toBeGreaterThanOrEqual(1);
  });

  it('a worker killed with SIGKILL around the deadline: exactly one breach after restart', async () => {
    let worker = startWorkerProcess();
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
    const dueAt = new Date(ticket.sla[0].dueAt).getTime();
    await sleep(Math.max(0, dueAt - Date.now() - 20));
    worker.kill('SIGKILL');
    await sleep(300);
    worker = startWorkerProcess();
    try {
      expect(await waitFor(async () => (await breaches(ticket.id)) > 0, 15_000)).toBe(true);
      await sleep(1_000);
      expect(await breaches(ticket.id)).toBe(1);
    } finally {
      worker.kill('SIGKILL');
    }
  });

  it('a worker that was down when the deadline passed breaches it once when it comes back', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
    await sleep(2_500);
    expect(await breaches(ticket.id)).toBe(0);
    const worker = startWorkerProcess();
    try {
      expect(await waitFor(async () => (await breaches(ticket.id)) > 0, 15_000)).toBe(true);
      await sleep(500);
      expect(await breaches(ticket.id)).toBe(1);
    } finally {
      worker.kill('SIGKILL');
    }
  });
});
