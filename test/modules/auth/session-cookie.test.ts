import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { pino } from 'pino';
import { buildApp } from '../../../src/app.ts';
import { createContainer } from '../../../src/container.ts';

/**
 * The session cookie is `Secure` when the service is published over https (PUBLIC_URL) or the
 * request itself is https, as seen through a trusted proxy only: a header anyone can send does not
 * decide it.
 */
let h: Harness;
const PASSWORD = 'correct horse battery';
let email: string;

/** A second app and container on the same database, published at `publicUrl` (the process's setting). */
async function cookieLine(options: { publicUrl?: string; trustProxy?: boolean }, headers: Record<string, string> = {}) {
  const container = createContainer({
    databaseUrl: h.databaseUrl,
    redisUrl: h.redisUrl,
    queuePrefix: h.queuePrefix,
    logger: pino({ level: 'silent' }),
    databasePoolSize: 2,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const app = await buildApp({ container, ...(options.trustProxy ? { trustProxy: true } : {}) });
  try {
    await app.ready();
    const res = await supertest(app.server).post('/v1/sessions').set(headers).send({ email, password: PASSWORD });
    expect(res.status).toBe(201);
    return (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!;
  } finally {
    await app.close();
    await container.close();
  }
}

beforeAll(async () => {
  h = await createHarness();
  email = `cookie-${randomBytes(4).toString('hex')}@example.com`;
  await h.http.post('/v1/agents').set(h.auth).send({ name: 'Cookie', email, password: PASSWORD }).expect(201);
});
afterAll(() => h.close());

describe('the Secure attribute', () => {
  it('is set whenever PUBLIC_URL is https, even when the proxy says nothing', async () => {
    expect(await cookieLine({ publicUrl: 'https://support.example.com' })).toContain('; Secure');
  });

  it('follows X-Forwarded-Proto only from a trusted proxy', async () => {
    expect(await cookieLine({ trustProxy: true }, { 'x-forwarded-proto': 'https' })).toContain('; Secure');
    expect(await cookieLine({}, { 'x-forwarded-proto': 'https' })).not.toContain('Secure');
    expect(await cookieLine({ publicUrl: 'http://127.0.0.1:3000' })).not.toContain('Secure');
  });
});
