import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import supertest from 'supertest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { buildApp } from '../../../src/app.ts';
import { createContainer } from '../../../src/container.ts';
import { createSessionService } from '../../../src/modules/auth/sessions.service.ts';
import { createSessionRepository } from '../../../src/modules/auth/sessions.repository.ts';
import { createSignInThrottleRepository } from '../../../src/modules/auth/sign-in-throttle.repository.ts';
import { createAgentRepository } from '../../../src/modules/agents/agents.repository.ts';
import { hashPassword, verifyPassword } from '../../../src/modules/agents/passwords.ts';

/**
 * Sign-in limits: per account (in Postgres, across processes and IPs) and per IP (only failures
 * count, and only up to a ceiling far above one account's), behind a trusted proxy so that
 * X-Forwarded-For names the client. The clock is the test's.
 */
const clock = createFixedClock('2026-05-04T09:00:00.000Z');
const PASSWORD = 'correct horse battery';
let h: Harness;
let ipCounter = 0;

/** A client address of its own for each caller, so per-IP limits of one test do not leak into another. */
const freshIp = () => `10.7.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
const freshEmail = () => `lock-${randomBytes(4).toString('hex')}@example.com`;

async function agent() {
  const email = freshEmail();
  const res = await h.http.post('/v1/agents').set(h.auth).send({ name: 'Locked out?', email, password: PASSWORD });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

const attempt = (email: string, password: string, ip = freshIp()) => h.http.post('/v1/sessions').set('x-forwarded-for', ip).send({ email, password });

async function fail(email: string, times: number, ip?: string) {
  for (let i = 0; i < times; i++) expect((await attempt(email, `wrong guess ${i}`, ip)).status).toBe(401);
}

beforeAll(async () => {
  h = await createHarness({ clock, app: { trustProxy: true } });
});
afterAll(() => h.close());

describe('per account', () => {
  it('locks after 5 wrong passwords, whatever IPs they came from; the right one waits too', async () => {
    const { email } = await agent();
    await fail(email, 5);
    const locked = await attempt(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.body.code).toBe('auth.sign_in_locked');
    expect(locked.headers['retry-after']).toBe('60');
    expect(locked.headers['set-cookie']).toBeUndefined();
  });

  it('holds across processes: another API process on the same database sees the lock', async () => {
    const { email } = await agent();
    await fail(email, 5);
    const other = createContainer({ databaseUrl: h.databaseUrl, redisUrl: h.redisUrl, queuePrefix: h.queuePrefix, logger: pino({ level: 'silent' }), clock, databasePoolSize: 2 });
    const app = await buildApp({ container: other, trustProxy: true });
    try {
      await app.ready();
      const res = await supertest(app.server).post('/v1/sessions').set('x-forwarded-for', freshIp()).send({ email, password: PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('auth.sign_in_locked');
    } finally {
      await app.close();
      await other.close();
    }
  });

  it('ends when its time is up, and the next lock lasts twice as long', async () => {
    const { email } = await agent();
    await fail(email, 5);
    clock.advance(60_000);
    await fail(email, 5);
    const locked = await attempt(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('120');
    clock.advance(120_000);
    expect((await attempt(email, PASSWORD)).status).toBe(201);
  });

  it('counts consecutive failures: a right password starts the count again', async () => {
    const { email } = await agent();
    await fail(email, 4);
    expect((await attempt(email, PASSWORD)).status).toBe(201);
    await fail(email, 4);
    expect((await attempt(email, PASSWORD)).status).toBe(201);
  });

  it('locks an unknown email the same way, so a lock tells nobody who exists', async () => {
    const known = await agent();
    const unknown = freshEmail();
    await fail(known.email, 5);
    await fail(unknown, 5);
    const a = await attempt(known.email, PASSWORD);
    const b = await attempt(unknown, PASSWORD);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(b.status).toBe(429);
    expect(strip(b.body)).toEqual(strip(a.body));
    expect(b.headers['retry-after']).toBe(a.headers['retry-after']);
  });

  it('is shown to admins on the agent, who unlock with PATCH signInLockedUntil: null or a new password', async () => {
    const first = await agent();
    await fail(first.email, 5);
    const shown = await h.http.get(`/v1/agents/${first.id}`).set(h.auth);
    expect(shown.body.signInLockedUntil).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
    const listed = (await h.http.get('/v1/agents?limit=200').set(h.auth)).body.data as { id: string; signInLockedUntil: string | null }[];
    expect(listed.find((a) => a.id === first.id)?.signInLockedUntil).toBe(shown.body.signInLockedUntil);
    expect(listed.every((a) => a.id === first.id || a.signInLockedUntil === null || typeof a.signInLockedUntil === 'string')).toBe(true);
    const unlocked = await h.http.patch(`/v1/agents/${first.id}`).set(h.auth).send({ signInLockedUntil: null });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.signInLockedUntil).toBeNull();
    expect((await attempt(first.email, PASSWORD)).status).toBe(201);

    const second = await agent();
    await fail(second.email, 5);
    await h.http.patch(`/v1/agents/${second.id}`).set(h.auth).send({ password: 'reset by an admin' }).expect(200);
    expect((await attempt(second.email, 'reset by an admin')).status).toBe(201);

    // Only null unlocks; nobody sets a lock by hand.
    expect((await h.http.patch(`/v1/agents/${second.id}`).set(h.auth).send({ signInLockedUntil: '2030-01-01T00:00:00Z' })).status).toBe(400);
  });
});

describe('per IP', () => {
  it('one account under attack from an IP does not lock a colleague out from the same IP', async () => {
    const attacked = await agent();
    const colleague = await agent();
    const office = freshIp();
    await fail(attacked.email, 5, office);
    for (let i = 0; i < 10; i++) expect((await attempt(attacked.email, 'still guessing', office)).status).toBe(429);
    expect((await attempt(colleague.email, PASSWORD, office)).status).toBe(201);
  });

  it('an IP failing on many accounts (password spraying) is stopped; other IPs are not', async () => {
    const colleague = await agent();
    const sprayer = freshIp();
    for (let i = 0; i < 30; i++) expect((await attempt(freshEmail(), 'Spring2026!', sprayer)).status).toBe(401);
    const stopped = await attempt(colleague.email, PASSWORD, sprayer);
    expect(stopped.status).toBe(429);
    expect(stopped.body.code).toBe('auth.too_many_attempts');
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(colleague.email, PASSWORD, freshIp())).status).toBe(201);
  });
});

describe('unknown emails', () => {
  it('cost one Argon2 verification, like a wrong password, so timing does not tell who exists', async () => {
    const verified: string[] = [];
    const dummy = await hashPassword('not anybody\'s password');
    const sessions = createSessionService({
      sessions: createSessionRepository(h.container.db.db),
      agents: createAgentRepository(h.container.db.db),
      throttles: createSignInThrottleRepository(h.container.db.db),
      clock,
      passwords: {
        hash: async () => dummy,
        verify: async (hash, password) => {
          verified.push(hash);
          return verifyPassword(hash, password);
        },
      },
    });
    const known = await agent();
    await expect(sessions.signIn(freshEmail(), 'a guess', { ip: freshIp() })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    await expect(sessions.signIn(known.email, 'a guess', { ip: freshIp() })).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
    expect(verified).toHaveLength(2);
    expect(verified[0]).toBe(dummy);
    expect(verified[1]).not.toBe(dummy);
  });
});
