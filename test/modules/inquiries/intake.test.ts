import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A channel connector's key: it may deliver messages, and read nothing. */
async function inquiriesOnlyKey() {
  const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'connector', scopes: ['inquiries:write'] }).expect(201);
  return { authorization: `Bearer ${created.body.secret}` };
}

describe('POST /v1/inquiries', () => {
  it('opens a ticket with its first message and a customer', async () => {
    const body = inquiry({ subject: 'Order not shipped' });
    const res = await h.http.post('/v1/inquiries').set(h.auth).send(body);
    expect(res.status).toBe(201);
    expect(res.body.ticket).toMatchObject({
      subject: 'Order not shipped',
      status: 'new',
      channel: 'weibo',
      priority: 'normal',
      tags: [],
      version: 1,
    });
    // the default policies promise a first response and a resolution
    expect(res.body.ticket.sla.map((t: { metric: string }) => t.metric)).toEqual(['first_response', 'resolution']);
    expect(res.body.ticket.id).toMatch(/^tkt_/);
    expect(res.body.ticket.number).toBeGreaterThan(0);
    expect(res.body.message).toMatchObject({ author: 'customer', visibility: 'public', body: body.body, externalId: body.externalId });
    expect(res.body.message.ticketId).toBe(res.body.ticket.id);
    expect(res.body.ticket.customerId).toMatch(/^cus_/);
  });

  it('says what happened in `outcome`, so a typed client tells 201 from 200: opened, joined, duplicate', async () => {
    const first = inquiry({ threadId: `thread-${Date.now()}` });
    const opened = await h.http.post('/v1/inquiries').set(h.auth).send(first).expect(201);
    expect(opened.body.outcome).toBe('opened');
    const followUp = { ...first, externalId: `${first.externalId}-2`, body: 'still nothing' };
    const joined = await h.http.post('/v1/inquiries').set(h.auth).send(followUp).expect(200);
    expect(joined.body).toMatchObject({ outcome: 'joined', ticket: { id: opened.body.ticket.id } });
    const again = await h.http.post('/v1/inquiries').set(h.auth).send(first).expect(200);
    expect(again.body).toMatchObject({ outcome: 'duplicate', message: { id: opened.body.message.id } });
    expect(again.headers['x-duplicate-delivery']).toBe('true');
  });

  it('stores no type and no classification until the classifier decides (never a fake value)', async () => {
    const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry());
    if (res.body.ticket.classification === null) {
      expect(res.body.ticket.type).toBeNull();
    } else {
      expect(res.body.ticket.type).toBe(res.body.ticket.classification.type);
    }
  });

  it('derives the subject from the body when the channel has none', async () => {
    const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '第一行是主题\n第二行是细节' }));
    expect(res.body.ticket.subject).toBe('第一行是主题');
  });

  it('treats a redelivered (channel, externalId) as the same message and writes nothing', async () => {
    const body = inquiry();
    const first = await h.http.post('/v1/inquiries').set(h.auth).send(body);
    const again = await h.http.post('/v1/inquiries').set(h.auth).send(body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers['x-duplicate-delivery']).toBe('true');
    expect(again.body.message.id).toBe(first.body.message.id);
    expect(again.body.ticket.id).toBe(first.body.ticket.id);
    const messages = await h.http.get(`/v1/tickets/${first.body.ticket.id}/messages`).set(h.auth);
    expect(messages.body.data).toHaveLength(1);
    const events = await h.http.get(`/v1/tickets/${first.body.ticket.id}/events`).set(h.auth);
    expect(events.body.data.filter((e: { type: string }) => e.type === 'message.created')).toHaveLength(1);
  });

  it('answers a known (channel, externalId) with another body or customer with the message id only', async () => {
    const intake = await inquiriesOnlyKey();
    const body = inquiry({ body: '我的手机号和地址都在这条消息里' });
    const first = await h.http.post('/v1/inquiries').set(h.auth).send(body);
    expect(first.status).toBe(201);
    for (const probe of [
      { ...body, body: 'what did the original say?' },
      { ...body, customer: { externalId: 'someone-else' } },
    ]) {
      const res = await h.http.post('/v1/inquiries').set(intake).send(probe);
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'inquiries.redelivery_mismatch', existingId: first.body.message.id });
      expect(JSON.stringify(res.body)).not.toContain('我的手机号');
      expect(JSON.stringify(res.body)).not.toContain(first.body.ticket.customerId);
    }
    // the genuine redelivery still answers 200 with what the caller itself sent
    expect((await h.http.post('/v1/inquiries').set(intake).send(body)).status).toBe(200);
    const messages = await h.http.get(`/v1/tickets/${first.body.ticket.id}/messages`).set(h.auth);
    expect(messages.body.data).toHaveLength(1);
  });

  it('reads full-width digits of a phone as ASCII and recognises the customer by them', async () => {
    const digits = `1${String(Date.now()).slice(-10)}`;
    const fullWidth = [...`+86 ${digits}`].map((c) => (c === '+' ? '＋' : c === ' ' ? ' ' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');
    const a = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'phone', customer: { phone: fullWidth } }));
    expect(a.status).toBe(201);
    const customer = await h.http.get(`/v1/customers/${a.body.ticket.customerId}`).set(h.auth);
    expect(customer.body.phone).toBe(`+86${digits}`);
    const b = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'web', customer: { phone: `+86-${digits}` } }));
    expect(b.body.ticket.customerId).toBe(a.body.ticket.customerId);
  });

  it('refuses a phone that could identify nobody, and unknown fields, with their paths', async () => {
    for (const phone of ['P-1D', '-', 'PT1H', 'NaN', '1e400', '١٢٣٤٥٦٧٨', '   ']) {
      const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ customer: { phone } }));
      expect(res.status, phone).toBe(400);
      expect(res.body.errors, phone).toContainEqual(expect.objectContaining({ path: 'body.customer.phone' }));
    }
    const base = inquiry();
    const unknown = await h.http.post('/v1/inquiries').set(h.auth).send({ ...base, priority: 'urgent', customer: { ...base.customer, nickname: 'x' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.customer.nickname', 'body.priority']);
  });

  it('keeps one message when the same delivery arrives concurrently', async () => {
    const body = inquiry();
    const results = await Promise.all(Array.from({ length: 8 }, () => h.http.post('/v1/inquiries').set(h.auth).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.message.id)).size).toBe(1);
  });

  it('joins a follow-up in the same thread to the open ticket, and a new thread opens a new ticket', async () => {
    const first = inquiry({ threadId: 'thread-1' });
    const opened = await h.http.post('/v1/inquiries').set(h.auth).send(first);
    const followUp = await h.http
      .post('/v1/inquiries')
      .set(h.auth)
      .send(inquiry({ threadId: 'thread-1', customer: first.customer, body: '还有，能开发票吗？' }));
    expect(followUp.status).toBe(200);
    expect(followUp.body.ticket.id).toBe(opened.body.ticket.id);
    expect(followUp.body.message.id).not.toBe(opened.body.message.id);

    const otherThread = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ threadId: 'thread-2', customer: first.customer }));
    expect(otherThread.status).toBe(201);
    expect(otherThread.body.ticket.customerId).toBe(opened.body.ticket.customerId);
  });

  it('reopens a solved ticket when the customer writes again in its thread, but not a closed one', async () => {
    const first = inquiry({ threadId: 'thread-solve' });
    const opened = await h.http.post('/v1/inquiries').set(h.auth).send(first);
    const id = opened.body.ticket.id;
    await h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    const back = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ threadId: 'thread-solve', customer: first.customer }));
    expect(back.body.ticket).toMatchObject({ id, status: 'open' });

    await h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'closed' }).expect(200);
    const afterClose = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ threadId: 'thread-solve', customer: first.customer }));
    expect(afterClose.status).toBe(201);
    expect(afterClose.body.ticket.id).not.toBe(id);
  });

  it('recognises the same customer across channels by email', async () => {
    const email = `same.person.${Date.now()}@example.com`;
    const a = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'email', customer: { email: email.toUpperCase() } }));
    const b = await h.http
      .post('/v1/inquiries')
      .set(h.auth)
      .send(inquiry({ channel: 'wechat', customer: { externalId: 'wx-openid-1', email } }));
    expect(b.body.ticket.customerId).toBe(a.body.ticket.customerId);
    const customer = await h.http.get(`/v1/customers/${a.body.ticket.customerId}`).set(h.auth);
    expect(customer.status).toBe(200);
    expect(customer.body.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'external_id']);
    expect(customer.body.ticketCounts).toMatchObject({ total: 2, open: 2 });
  });

  it('creates one customer when two first messages of a new customer arrive together', async () => {
    const customer = { externalId: `dy-user-${Date.now()}` };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'douyin', customer }))),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.ticket.customerId)).size).toBe(1);
  });

  it('replays the first answer for a retried Idempotency-Key and refuses the key with another body', async () => {
    const body = inquiry({ externalId: undefined });
    const key = `idem-${Date.now()}`;
    const first = await h.http.post('/v1/inquiries').set(h.auth).set('idempotency-key', key).send(body);
    const replay = await h.http.post('/v1/inquiries').set(h.auth).set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);

    const other = await h.http.post('/v1/inquiries').set(h.auth).set('idempotency-key', key).send({ ...body, body: 'different' });
    expect(other.status).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body.code).toBe('idempotency.key_reused');
  });

  it('rejects a body without any customer identity with field paths', async () => {
    const res = await h.http.post('/v1/inquiries').set(h.auth).send({ channel: 'web', customer: { name: 'x' }, body: 'hi' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.customer.externalId' }));
  });
});
