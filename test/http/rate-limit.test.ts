import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { createHarness, type Harness } from '../support/harness.ts';
import { buildApp } from '../../src/app.ts';
import { createContainer, type Container } from '../../src/container.ts';
import { freePort } from '../../src/infra/free-port.ts';

/** Limits per API key, shared across processes through Redis, with a local fallback without it. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ app: { rateLimitPerMinute: 5 } });
});
afterAll(() => h.close());

const newKey = async (body: Record<string, unknown> = {}) =>
  (await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'limited', scopes: ['tickets:read'], ...body }).expect(201)).body.secret as string;

describe('rate limits', () => {
  it('count per key, with RateLimit headers, and answer 429 problem+json with Retry-After beyond the limit', async () => {
    const key = await newKey();
    const other = await newKey();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await h.http.get('/v1/tickets').set('authorization', `Bearer ${key}`));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]!.headers['ratelimit-limit']).toBe('5');
    expect(answers[0]!.headers['ratelimit-remaining']).toBe('4');
    expect(answers[0]!.headers['ratelimit-reset']).toBeDefined();
    const refused = answers[5]!;
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.headers['retry-after']).toBeDefined();
    // Another key has its own count: a noisy integration does not starve the others.
    expect((await h.http.get('/v1/tickets').set('authorization', `Bearer ${other}`)).status).toBe(200);
  });

  it('honours a key of its own limit, and a second API process shares the count (Redis)', async () => {
    const key = await newKey({ rateLimitPerMinute: 2 });
    const second = await buildApp({ container: h.container, rateLimitPerMinute: 5 });
    await second.ready();
    try {
      expect((await h.http.get('/v1/tickets').set('authorization', `Bearer ${key}`)).status).toBe(200);
      expect((await supertest(second.server).get('/v1/tickets').set('authorization', `Bearer ${key}`)).status).toBe(200);
      expect((await h.http.get('/v1/tickets').set('authorization', `Bearer ${key}`)).status).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 8; i++) expect((await h.http.get('/healthz')).status).toBe(200);
  });
});

describe('rate limits without Redis', () => {
  let app: FastifyInstance;
  let container: Container;
  beforeAll(async () => {
    container = createContainer({ databaseUrl: h.databaseUrl, redisUrl: `redis://127.0.0.1:${await freePort()}`, queuePrefix: 'norl', logger: pino({ level: 'silent' }), databasePoolSize: 2 });
    app = await buildApp({ container, rateLimitPerMinute: 3 });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await container.close();
  });

  it('falls back to a count in the process: requests are neither failed nor waved through', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await supertest(app.server).get('/v1/tickets').set(h.auth)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
