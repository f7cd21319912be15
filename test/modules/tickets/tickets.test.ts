import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function openTicket(overrides: Parameters<typeof inquiry>[0] = {}) {
  const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry(overrides));
  expect(res.status).toBe(201);
  return res.body.ticket as { id: string; version: number; customerId: string; number: number };
}

describe('PATCH /v1/tickets/{id}', () => {
  it('updates with the current If-Match and answers 412 on a stale one', async () => {
    const ticket = await openTicket();
    const read = await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth);
    expect(read.headers.etag).toBe('"1"');
    const ok = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).set('if-match', read.headers.etag!).send({ priority: 'high' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ priority: 'high', version: 2 });
    const stale = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).set('if-match', '"1"').send({ priority: 'low' });
    expect(stale.status).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const after = await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth);
    expect(after.body.priority).toBe('high');
  });

  it('validates status transitions', async () => {
    const ticket = await openTicket();
    const bad = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'closed' });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('tickets.invalid_transition');
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'closed' }).expect(200);
    const reopen = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'open' });
    expect(reopen.status).toBe(422);
  });

  it('refuses unknown assignees and teams, accepts real ones, and records who changed what', async () => {
    const ticket = await openTicket();
    const missing = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ assigneeId: 'agt_nobody' });
    expect(missing.status).toBe(422);
    const team = await h.http.post('/v1/teams').set(h.auth).send({ name: `Complaints ${Date.now()}` });
    const agent = await h.http
      .post('/v1/agents')
      .set(h.auth)
      .send({ name: 'Li Na', email: `li.na.${Date.now()}@example.com`, role: 'agent', teamId: team.body.id, password: 'a long enough password' });
    expect(agent.status).toBe(201);
    expect(agent.body).not.toHaveProperty('passwordHash');
    const res = await h.http
      .patch(`/v1/tickets/${ticket.id}`)
      .set(h.auth)
      .send({ assigneeId: agent.body.id, teamId: team.body.id, tags: ['VIP', 'refund', 'vip'], type: 'suggestion' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: agent.body.id, teamId: team.body.id, tags: ['vip', 'refund'], type: 'suggestion' });
    const events = await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth);
    const updated = events.body.data.find((e: { type: string }) => e.type === 'ticket.updated');
    expect(updated.actor.type).toBe('api_key');
    expect(updated.data.changes.assigneeId).toEqual({ from: null, to: agent.body.id });
    // the default inquiry is a late-delivery complaint: the model said so, the agent disagrees
    expect(updated.data.changes.type).toEqual({ from: 'complaint', to: 'suggestion' });
  });

  it('does nothing (no event, no new version) when nothing changes', async () => {
    const ticket = await openTicket();
    const res = await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ priority: 'normal' });
    expect(res.body.version).toBe(1);
  });

  it('answers 404 problem+json for a ticket that does not exist', async () => {
    const res = await h.http.patch('/v1/tickets/tkt_missing').set(h.auth).send({ priority: 'low' });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('tickets.not_found');
  });
});

describe('messages and timeline', () => {
  it('keeps agent replies, internal notes and customer messages, and reopens on a customer reply', async () => {
    const ticket = await openTicket();
    const reply = await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: '您好，已为您查询' });
    expect(reply.status).toBe(201);
    expect(reply.body.ticket.status).toBe('open');
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: '仓库延误' }).expect(201);
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'pending' }).expect(200);
    const customer = await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', body: '好的谢谢' });
    expect(customer.body.ticket.status).toBe('open');

    const messages = await h.http.get(`/v1/tickets/${ticket.id}/messages?limit=2`).set(h.auth);
    expect(messages.body.data.map((m: { author: string; visibility: string }) => `${m.author}/${m.visibility}`)).toEqual([
      'customer/public',
      'agent/public',
    ]);
    const next = await h.http.get(`/v1/tickets/${ticket.id}/messages?limit=2&cursor=${messages.body.nextCursor}`).set(h.auth);
    expect(next.body.data.map((m: { visibility: string }) => m.visibility)).toEqual(['internal', 'public']);
    expect(next.body.nextCursor).toBeNull();

    const events = await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth);
    expect(events.body.data.map((e: { type: string }) => e.type)).toEqual([
      'ticket.created',
      'message.created',
      'ticket.classified',
      'message.created',
      'ticket.updated',
      'message.created',
      'ticket.updated',
      'message.created',
      'ticket.updated',
    ]);
  });

  it('refuses a customer message marked internal', async () => {
    const ticket = await openTicket();
    const res = await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', visibility: 'internal', body: 'x' });
    expect(res.status).toBe(400);
  });
});

describe('POST /v1/tickets (an agent logging a call)', () => {
  it('creates the ticket for a customer found by phone', async () => {
    const phone = `+86 138 ${Date.now() % 100000000}`;
    const res = await h.http
      .post('/v1/tickets')
      .set(h.auth)
      .send({ subject: 'Phone: wants invoice', body: 'Customer called about an invoice', customer: { phone, name: 'Zhang' }, author: 'agent' });
    expect(res.status).toBe(201);
    expect(res.body.ticket.channel).toBe('phone');
    expect(res.body.message.author).toBe('agent');
    const again = await h.http.post('/v1/tickets').set(h.auth).send({ subject: 'again', body: 'second call', customer: { phone: phone.replace(/ /g, '') } });
    expect(again.body.ticket.customerId).toBe(res.body.ticket.customerId);
  });
});

describe('GET /v1/tickets', () => {
  it('filters by status, channel, customer and tag, and pages without gaps or repeats', async () => {
    const first = inquiry({ channel: 'xiaohongshu' });
    const a = await openTicket(first);
    const b = await openTicket({ channel: 'xiaohongshu', customer: first.customer });
    const c = await openTicket({ channel: 'xiaohongshu', customer: first.customer });
    await h.http.patch(`/v1/tickets/${b.id}`).set(h.auth).send({ status: 'pending', tags: ['late'] }).expect(200);

    const all = await h.http.get(`/v1/tickets?customerId=${a.customerId}&limit=2`).set(h.auth);
    expect(all.body.data.map((t: { id: string }) => t.id)).toEqual([c.id, b.id]);
    // A ticket created between pages must not shift the next page.
    await openTicket({ channel: 'xiaohongshu', customer: first.customer });
    const page2 = await h.http.get(`/v1/tickets?customerId=${a.customerId}&limit=2&cursor=${all.body.nextCursor}`).set(h.auth);
    expect(page2.body.data.map((t: { id: string }) => t.id)).toEqual([a.id]);

    const pending = await h.http.get(`/v1/tickets?customerId=${a.customerId}&status=pending`).set(h.auth);
    expect(pending.body.data.map((t: { id: string }) => t.id)).toEqual([b.id]);
    const tagged = await h.http.get(`/v1/tickets?tag=late&channel=xiaohongshu,weibo`).set(h.auth);
    expect(tagged.body.data.map((t: { id: string }) => t.id)).toContain(b.id);
    const unassigned = await h.http.get(`/v1/tickets?customerId=${a.customerId}&assigneeId=none&status=new,pending`).set(h.auth);
    expect(unassigned.body.data).toHaveLength(4);
  });

  it('finds tickets by Chinese (simplified or traditional) and English words in subject and messages', async () => {
    const zh = await openTicket({ body: '收到的耳机左边没有声音，申请退款' });
    const en = await openTicket({ channel: 'email', subject: 'Refund for broken headphones', body: 'The left earbud is silent.' });
    await h.http.post(`/v1/tickets/${en.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: 'courier 顺丰 damaged parcel' });

    const ids = async (q: string) =>
      (await h.http.get(`/v1/tickets?q=${encodeURIComponent(q)}`).set(h.auth)).body.data.map((t: { id: string }) => t.id) as string[];
    expect(await ids('退款')).toContain(zh.id);
    expect(await ids('退款')).not.toContain(en.id);
    expect(await ids('申請退款')).toContain(zh.id); // traditional query, simplified text
    expect(await ids('耳机 声音')).toContain(zh.id);
    expect(await ids('refund')).toContain(en.id);
    expect(await ids('REFUN')).toContain(en.id); // prefix, any case
    expect(await ids('顺丰')).toContain(en.id); // internal notes are searchable by agents
    expect(await ids('退款 headphones')).toEqual([]);
    expect(await ids('!!!')).toEqual([]);
  });
});
