import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import type { FastifyInstance } from 'fastify';
import { createHarness, type Harness } from '../support/harness.ts';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/shared/logger.ts';

/** Survey tokens are the customer's key: the request log shows that a survey was opened, never which. */
let h: Harness;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ container: h.container, logger: createLogger('info', sink) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('the request log', () => {
  it('redacts the token in /v1/surveys/{token} and /survey/{token}, keeps every other path', async () => {
    const token = 'srv_0000000000secret.SIGNATUREsecretsecret';
    await supertest(app.server).get(`/v1/surveys/${token}`);
    await supertest(app.server).post(`/v1/surveys/${token}?x=1`).send({ rating: 5 });
    await supertest(app.server).get(`/survey/${token}`);
    await supertest(app.server).get(`/survey/${token}/`);
    await supertest(app.server).get('/healthz');
    const paths = lines.map((line) => JSON.parse(line) as { req?: { path?: string } }).flatMap((entry) => (entry.req?.path ? [entry.req.path] : []));
    expect(paths).toEqual(['/v1/surveys/[redacted]', '/v1/surveys/[redacted]', '/survey/[redacted]', '/survey/[redacted]/', '/healthz']);
    expect(lines.join('\n')).not.toContain('secret');
  });
});
