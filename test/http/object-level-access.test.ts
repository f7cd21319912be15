import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';

/**
 * Access below the scope: whom a caller may act as. A helpdesk session and a key acting for an
 * agent speak for that agent only; a key of no agent (an integration) names the agent it relays.
 * Scope-level access is authorization-matrix.test.ts.
 */
let h: Harness;
const PASSWORD = 'correct horse battery';

async function agent(role: 'admin' | 'lead' | 'agent' = 'agent') {
  const email = `ola-${randomBytes(4).toString('hex')}@example.com`;
  const res = await h.http.post('/v1/agents').set(h.auth).send({ name: `Agent ${role}`, email, role, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, email };
}

async function sessionOf(email: string) {
  const res = await h.http.post('/v1/sessions').send({ email, password: PASSWORD }).expect(201);
  const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('desk_session='))!.split(';')[0]!;
  return { cookie, 'x-requested-with': 'desk' };
}

async function keyFor(scopes: string[], agentId?: string) {
  const res = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'object-level', scopes, ...(agentId ? { agentId } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { authorization: `Bearer ${res.body.secret as string}` };
}

async function ticket() {
  const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
  return res.body.ticket.id as string;
}

const reply = (ticketId: string, credentials: Record<string, string>, body: Record<string, unknown>) =>
  h.http.post(`/v1/tickets/${ticketId}/messages`).set(credentials).send({ author: 'agent', body: '您好，已为您查询', ...body });

let li: { id: string; email: string };
let wang: { id: string; email: string };
let liDesk: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  [li, wang] = await Promise.all([agent(), agent()]);
  liDesk = await sessionOf(li.email);
});
afterAll(() => h.close());

describe('replies speak for the caller\'s own agent', () => {
  it('a helpdesk agent\'s reply is theirs; naming another agent is refused, not silently rewritten', async () => {
    const id = await ticket();
    const own = await reply(id, liDesk, {});
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.message.agentId).toBe(li.id);
    const ownNamed = await reply(id, liDesk, { agentId: li.id });
    expect(ownNamed.status).toBe(201);

    const asWang = await reply(id, liDesk, { agentId: wang.id });
    expect(asWang.status).toBe(403);
    expect(asWang.headers['content-type']).toContain('application/problem+json');
    expect(asWang.body.code).toBe('auth.acting_for_other_agent');
    const messages = await h.http.get(`/v1/tickets/${id}/messages`).set(h.auth).expect(200);
    expect(messages.body.data.map((m: { agentId: string | null }) => m.agentId)).not.toContain(wang.id);
  });

  it('so is a reply through a key acting for an agent', async () => {
    const id = await ticket();
    const liKey = await keyFor(['tickets:write'], li.id);
    const asWang = await reply(id, liKey, { agentId: wang.id });
    expect(asWang.status).toBe(403);
    expect(asWang.body.code).toBe('auth.acting_for_other_agent');
    const own = await reply(id, liKey, {});
    expect(own.status).toBe(201);
    expect(own.body.message.agentId).toBe(li.id);
  });

  it('a key of no agent (an integration relaying replies) names the agent; the timeline records the key as the actor', async () => {
    const id = await ticket();
    const integration = await keyFor(['tickets:write']);
    const relayed = await reply(id, integration, { agentId: wang.id });
    expect(relayed.status).toBe(201);
    expect(relayed.body.message.agentId).toBe(wang.id);
    const events = await h.http.get(`/v1/tickets/${id}/events`).set(h.auth).expect(200);
    const created = events.body.data.find((e: { type: string }) => e.type === 'message.created');
    expect(created.actor.type).toBe('api_key');
  });

  it('a helpdesk agent\'s new ticket is opened by them, whatever the body says', async () => {
    const res = await h.http
      .post('/v1/tickets')
      .set(liDesk)
      .send({ subject: '电话咨询', body: '客户来电询问退款进度', author: 'agent', customer: { phone: '+8613800138000' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.message.agentId).toBe(li.id);
  });
});

describe('assigning', () => {
  it('anyone with tickets:write may assign a ticket to any agent (the helpdesk hands work over); the timeline says who did it', async () => {
    const id = await ticket();
    const res = await h.http.patch(`/v1/tickets/${id}`).set(liDesk).send({ assigneeId: wang.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.assigneeId).toBe(wang.id);
    const events = await h.http.get(`/v1/tickets/${id}/events`).set(h.auth).expect(200);
    const updated = events.body.data.find((e: { type: string }) => e.type === 'ticket.updated');
    expect(updated.actor).toEqual({ type: 'agent', id: li.id });
  });
});
