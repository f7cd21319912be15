import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import supertest from 'supertest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createContainer, type Container } from '../../src/container.ts';
import { freePort } from '../../src/infra/free-port.ts';

/** With Postgres and Redis unreachable the API says so: 503 problem+json to retry, never a 500. */
let app: FastifyInstance;
let container: Container;

beforeAll(async () => {
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  container = createContainer({
    databaseUrl: `postgres://nobody:nothing@127.0.0.1:${pgPort}/none`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    queuePrefix: 'down',
    logger: pino({ level: 'silent' }),
  });
  app = await buildApp({ container });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await container.close();
});

describe('when Postgres and Redis are down', () => {
  it('readyz answers 503 and names what failed', async () => {
    const res = await supertest(app.server).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`).sort()).toEqual(['postgres:false', 'redis:false']);
  });

  it('an API call answers 503 problem+json with Retry-After', async () => {
    const res = await supertest(app.server).get('/v1/tickets').set('authorization', 'Bearer tk_whatever_key_value');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body.code).toBe('service.unavailable');
  });
});

describe('the public readiness probe', () => {
  it('names what failed without revealing hosts, ports or driver messages', async () => {
    const res = await supertest(app.server).get('/readyz');
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|connect/);
    expect(Object.keys(res.body.checks[0]).sort()).toEqual(['latencyMs', 'name', 'ok']);
  });
});
