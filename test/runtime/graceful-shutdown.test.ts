import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';
import { freePort } from '../../src/infra/free-port.ts';
import { spawnRole, terminate, type RoleProcess } from '../support/role-process.ts';
import { startReceiver, type Receiver } from '../support/webhook-receiver.ts';

/**
 * SIGTERM on the production roles, as separate processes: the API drains in-flight requests and
 * ends its event streams with a reconnect hint, the worker lets a running job finish, each within
 * SHUTDOWN_TIMEOUT_MS; a second signal or the bound ends the process anyway.
 */
let h: Harness;
let locker: pg.Client;
let receiver: Receiver;

beforeAll(async () => {
  h = await createHarness({ webhooks: { allowedHosts: ['127.0.0.1'] } });
  locker = new pg.Client({ connectionString: h.databaseUrl });
  await locker.connect();
  receiver = await startReceiver();
});
afterAll(async () => {
  await locker.end();
  await receiver.close();
  await h.close();
});

const roleEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: h.databaseUrl,
  REDIS_URL: h.redisUrl,
  QUEUE_PREFIX: h.queuePrefix,
  ADMIN_API_KEY: h.adminKey,
  RATE_LIMIT_PER_MINUTE: '0',
  WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  LOG_LEVEL: 'info',
  ...extra,
});

async function startApi(timeoutMs: number): Promise<{ api: RoleProcess; url: string }> {
  const port = await freePort();
  const api = spawnRole('src/main.ts', roleEnv({ PORT: String(port), SHUTDOWN_TIMEOUT_MS: String(timeoutMs) }));
  await api.waitForLog('Server listening');
  return { api, url: `http://127.0.0.1:${port}` };
}

/** Another session holds the tickets table: an intake waits for it, in flight, until `release`. */
async function holdTickets() {
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE tickets IN SHARE ROW EXCLUSIVE MODE');
  return { release: () => locker.query('COMMIT') };
}

/** An SSE client reading the raw stream into `text`; `ended` resolves when the server ends it. */
async function openStream(url: string) {
  const res = await fetch(`${url}/v1/stream`, { headers: { ...h.auth, accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const state = { text: '', ended: undefined as unknown as Promise<number> };
  state.ended = (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of res.body!) state.text += decoder.decode(chunk as Uint8Array, { stream: true });
    return Date.now();
  })().catch(() => Date.now());
  return state;
}

const postInquiry = (url: string) =>
  fetch(`${url}/v1/inquiries`, { method: 'POST', headers: { ...h.auth, 'content-type': 'application/json' }, body: JSON.stringify(inquiry()) });

describe('graceful shutdown', () => {
  it('API: SIGTERM ends event streams with a reconnect hint, finishes the request in flight, refuses new connections, exits 0', async () => {
    const { api, url } = await startApi(15_000);
    const stream = await openStream(url);
    const hold = await holdTickets();
    const inFlight = postInquiry(url);
    await sleep(300); // the intake is waiting for the lock
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    api.child.kill('SIGTERM'); // one delivery seen twice (process group and npm): not a second signal

    // Without ending them in preClose, open streams held server.close() until the bound.
    const streamEndedAt = await stream.ended;
    expect(streamEndedAt - signalledAt).toBeLessThan(3_000);
    expect(stream.text).toContain('event: reconnect');
    expect(stream.text).toMatch(/retry: \d+\n/);

    await sleep(200);
    await expect(fetch(`${url}/readyz`)).rejects.toThrow(); // the listener is closed: the balancer's next replica answers
    await hold.release();
    const answer = await inFlight;
    expect(answer.status).toBe(201);
    const { code, at } = await api.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(8_000); // the bound is 15 s: without ending streams it was reached
    expect(api.problems).toEqual([]);
  });

  it('API: past SHUTDOWN_TIMEOUT_MS it exits anyway, with 1', async () => {
    const { api, url } = await startApi(1_500);
    const hold = await holdTickets();
    const inFlight = postInquiry(url).catch(() => null);
    await sleep(300);
    const { code, ms } = await terminate(api);
    await hold.release();
    await inFlight;
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(6_000);
  });

  it('API: a second signal (not the same delivery) exits at once', async () => {
    const { api, url } = await startApi(30_000);
    const hold = await holdTickets();
    const inFlight = postInquiry(url).catch(() => null);
    await sleep(300);
    api.child.kill('SIGTERM');
    await sleep(1_300);
    const secondAt = Date.now();
    api.child.kill('SIGTERM');
    const { code, at } = await api.exited;
    await hold.release();
    await inFlight;
    expect(code).toBe(1);
    expect(at - secondAt).toBeLessThan(2_000);
  });

  it('worker: SIGTERM lets the running job finish (a webhook delivery answered slowly) and exits 0; the delivery is sent once', async () => {
    await h.drainEvents(); // the earlier tests' tickets are not this endpoint's business
    const hook = await h.http.post('/v1/webhooks').set(h.auth).send({ url: `${receiver.url}/hooks`, events: ['ticket.created'] });
    expect(hook.status, hook.text).toBe(201);
    const worker = spawnRole('src/worker.ts', roleEnv({ SHUTDOWN_TIMEOUT_MS: '15000' }));
    await worker.waitForLog('worker started');
    receiver.answer('hang');
    await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
    const until = Date.now() + 15_000;
    while (receiver.received.length === 0 && Date.now() < until) await sleep(25);
    expect(receiver.received).toHaveLength(1); // the job is running: its request waits for an answer

    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    await sleep(1_000);
    expect(worker.child.exitCode).toBeNull(); // still waiting for its job
    receiver.answer(204);
    receiver.release();
    const { code, at } = await worker.exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(5_000);
    const { rows } = await locker.query<{ status: string; attempts: number }>('SELECT status, attempts FROM webhook_deliveries');
    expect(rows).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(receiver.received).toHaveLength(1);
    expect(worker.problems).toEqual([]);
  });
});
