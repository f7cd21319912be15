import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import supertest from 'supertest';
import type { FastifyInstance } from 'fastify';
import { createHarness, type Harness } from '../../support/harness.ts';
import { buildApp } from '../../../src/app.ts';
import { createContainer, type Container } from '../../../src/container.ts';

/** Sessions and keys end with what they stand for: a password, an active agent, a role. */
let h: Harness;
/** A second API process on the same database: it has caches of its own, so it shows what Postgres says. */
let other: { container: Container; app: FastifyInstance };
const PASSWORD = 'correct horse battery';

async function agentAs(role: 'admin' | 'lead' | 'agent') {
  const email = `life-${randomBytes(4).toString('hex')}@example.com`;
  const res = await h.http.post('/v1/agents').set(h.auth).send({ name: `A ${role}`, email, role, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, email };
}

async function signIn(email: string, password = PASSWORD) {
  const res = await h.http.post('/v1/sessions').send({ email, password });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
}

const statusWith = async (cookie: string) => (await h.http.get('/v1/tickets').set('cookie', cookie)).status;
const statusElsewhere = async (cookie: string) => (await supertest(other.app.server).get('/v1/tickets').set('cookie', cookie)).status;

beforeAll(async () => {
  h = await createHarness();
  const container = createContainer({ databaseUrl: h.databaseUrl, redisUrl: h.redisUrl, queuePrefix: h.queuePrefix, logger: pino({ level: 'silent' }), databasePoolSize: 2 });
  other = { container, app: await buildApp({ container }) };
  await other.app.ready();
});
afterAll(async () => {
  await other.app.close();
  await other.container.close();
  await h.close();
});

describe('a password change', () => {
  it('ends every session of the agent at once; the new password signs in, the old one does not', async () => {
    const agent = await agentAs('agent');
    const first = await signIn(agent.email);
    const second = await signIn(agent.email);
    expect(await statusWith(first)).toBe(200);
    await h.http.patch(`/v1/agents/${agent.id}`).set(h.auth).send({ password: 'a brand new password' }).expect(200);
    expect(await statusWith(first)).toBe(401);
    expect(await statusElsewhere(second)).toBe(401);
    expect((await h.http.get('/v1/sessions/current').set('cookie', first)).status).toBe(401);
    expect((await h.http.post('/v1/sessions').send({ email: agent.email, password: PASSWORD })).status).toBe(401);
    expect(await statusWith(await signIn(agent.email, 'a brand new password'))).toBe(200);
  });

  it('made by the agent on their own account keeps the session that made it and ends the others', async () => {
    const admin = await agentAs('admin');
    const here = await signIn(admin.email);
    const elsewhere = await signIn(admin.email);
    const res = await h.http.patch(`/v1/agents/${admin.id}`).set('cookie', here).set('x-requested-with', 'desk').send({ password: 'my own new password' });
    expect(res.status).toBe(200);
    expect(await statusWith(here)).toBe(200);
    expect(await statusWith(elsewhere)).toBe(401);
  });

  it('leaves other agents\' sessions alone', async () => {
    const changed = await agentAs('agent');
    const bystander = await agentAs('agent');
    const cookie = await signIn(bystander.email);
    await h.http.patch(`/v1/agents/${changed.id}`).set(h.auth).send({ password: 'a brand new password' }).expect(200);
    expect(await statusWith(cookie)).toBe(200);
  });
});

describe('deactivating an agent', () => {
  it('ends their sessions for good: reactivating does not revive them', async () => {
    const agent = await agentAs('agent');
    const cookie = await signIn(agent.email);
    await h.http.patch(`/v1/agents/${agent.id}`).set(h.auth).send({ active: false }).expect(200);
    expect(await statusWith(cookie)).toBe(401);
    await h.http.patch(`/v1/agents/${agent.id}`).set(h.auth).send({ active: true }).expect(200);
    expect(await statusElsewhere(cookie)).toBe(401);
    expect(await statusWith(await signIn(agent.email))).toBe(200);
  });

  it('stops the keys that act for them, which work again only if the agent is reactivated', async () => {
    const agent = await agentAs('agent');
    const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'integration for agent', scopes: ['tickets:read'], agentId: agent.id });
    expect(created.status).toBe(201);
    const key = { authorization: `Bearer ${created.body.secret as string}` };
    expect((await h.http.get('/v1/tickets').set(key)).status).toBe(200);
    await h.http.patch(`/v1/agents/${agent.id}`).set(h.auth).send({ active: false }).expect(200);
    const refused = await h.http.get('/v1/tickets').set(key);
    expect(refused.status).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await h.http.patch(`/v1/agents/${agent.id}`).set(h.auth).send({ active: true }).expect(200);
    expect((await h.http.get('/v1/tickets').set(key)).status).toBe(200);
  });
});

describe('a key acting for an agent', () => {
  it('can do no more than the agent\'s current role: a demotion narrows it', async () => {
    const lead = await agentAs('lead');
    const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'lead reports', scopes: ['reports:read', 'tickets:read'], agentId: lead.id });
    expect(created.status).toBe(201);
    const key = { authorization: `Bearer ${created.body.secret as string}` };
    expect((await h.http.get('/v1/reports/csat').set(key)).status).toBe(200);
    await h.http.patch(`/v1/agents/${lead.id}`).set(h.auth).send({ role: 'agent' }).expect(200);
    const denied = await h.http.get('/v1/reports/csat').set(key);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('auth.forbidden');
    expect((await h.http.get('/v1/tickets').set(key)).status).toBe(200);
  });
});
