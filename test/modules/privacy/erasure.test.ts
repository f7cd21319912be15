import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const unique = () => Math.random().toString(36).slice(2, 10);
const rows = async <T>(query: ReturnType<typeof sql>) => (await h.container.db.db.execute(query)).rows as T[];

async function keyWith(...scopes: string[]) {
  const created = await h.http.post('/v1/api-keys').set(h.auth).send({ name: scopes.join(' '), scopes }).expect(201);
  return { authorization: `Bearer ${created.body.secret}` };
}

/** A customer with two tickets: a web message and a reply, an internal note, a second ticket by hand. */
async function customerWithHistory() {
  const id = unique();
  const contact = { externalId: `u-${id}`, name: `Zhang ${id}`, email: `zhang.${id}@example.cn`, phone: `+86 139 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, handle: `@zhang_${id}` };
  const first = await h.http
    .post('/v1/inquiries')
    .set(h.auth)
    .send(inquiry({ channel: 'web', threadId: `thread-${id}`, customer: contact, subject: `Refund for order ${id}`, body: `Please refund order ${id}, call me at ${contact.phone}` }))
    .expect(201);
  const ticketId = first.body.ticket.id as string;
  const customerId = first.body.ticket.customerId as string;
  await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: `Dear Zhang ${id}, refunded` }).expect(201);
  await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: `note about ${id}` }).expect(201);
  await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ subject: `Refund ${id} (renamed)`, status: 'solved' }).expect(200);
  const second = await h.http.post('/v1/tickets').set(h.auth).send({ subject: `Phone call ${id}`, body: `Called about ${id}`, customerId }).expect(201);
  await h.drainEvents();
  return { id, contact, customerId, ticketIds: [ticketId, second.body.ticket.id as string] };
}

describe('DELETE /v1/customers/{id}', () => {
  it('refuses new contact data for an erased customer, by PATCH or by a ticket opened by hand', async () => {
    const { customerId } = await customerWithHistory();
    await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'PIPL request #43' }).expect(200);
    const patched = await h.http.patch(`/v1/customers/${customerId}`).set(h.auth).send({ email: 'again@example.cn' });
    expect(patched.status).toBe(409);
    expect(patched.body).toMatchObject({ code: 'customers.erased', errors: [{ path: 'params.id' }] });
    const opened = await h.http.post('/v1/tickets').set(h.auth).send({ subject: 'Call', body: 'Called again', customerId });
    expect(opened.status).toBe(409);
    expect(opened.body).toMatchObject({ code: 'customers.erased', errors: [{ path: 'body.customerId' }] });
    const customer = (await h.http.get(`/v1/customers/${customerId}`).set(h.auth).expect(200)).body;
    expect(customer).toMatchObject({ email: null, identities: [] });
  });

  it('anonymises the customer and their tickets in place, keeps the tickets counted, and answers a repeat the same', async () => {
    const { id, contact, customerId, ticketIds } = await customerWithHistory();
    const factsBefore = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_facts f JOIN tickets t ON t.number = f.ticket_no WHERE t.customer_id = ${customerId}`);

    const erased = await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'PIPL request #42' });
    expect(erased.status, erased.text).toBe(200);
    expect(erased.body).toMatchObject({
      customerId,
      reason: 'PIPL request #42',
      erasedBy: { type: 'api_key' },
      counts: { tickets: 2, messages: 4, identities: 4 },
    });
    expect(erased.body.counts.events).toBeGreaterThan(0);

    const again = await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'a second time' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(erased.body);

    const customer = (await h.http.get(`/v1/customers/${customerId}`).set(h.auth).expect(200)).body;
    expect(customer).toMatchObject({ name: null, email: null, phone: null, identities: [], ticketCounts: { total: 2 } });
    for (const ticketId of ticketIds) {
      const ticket = (await h.http.get(`/v1/tickets/${ticketId}`).set(h.auth).expect(200)).body;
      expect(ticket).toMatchObject({ subject: '[erased]', threadId: null });
      const messages = (await h.http.get(`/v1/tickets/${ticketId}/messages`).set(h.auth).expect(200)).body.data as { body: string }[];
      expect(messages.map((m) => m.body)).toEqual(messages.map(() => '[erased]'));
      const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth).expect(200)).body;
      expect(JSON.stringify(events)).not.toContain(id);
    }
    expect(JSON.stringify((await h.http.get('/v1/events?limit=200').set(h.auth).expect(200)).body)).not.toContain(id);
    expect((await h.http.get(`/v1/tickets?q=${id}`).set(h.auth).expect(200)).body.data).toEqual([]);
    expect((await h.http.get(`/v1/tickets?q=refund`).set(h.auth).expect(200)).body.data.map((t: { id: string }) => t.id)).not.toContain(ticketIds[0]);
    expect((await h.http.get(`/v1/customers?q=${id}`).set(h.auth).expect(200)).body.data).toEqual([]);

    // Statistics stay: the same facts, recomputed by the relay after more changes, still count both tickets.
    await h.drainEvents();
    const factsAfter = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_facts f JOIN tickets t ON t.number = f.ticket_no WHERE t.customer_id = ${customerId}`);
    expect(factsAfter).toEqual(factsBefore);
    expect(factsBefore[0]!.n).toBeGreaterThan(0);

    // The same address again is somebody new.
    const back = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'web', threadId: `thread-${id}`, customer: contact })).expect(201);
    expect(back.body.ticket.customerId).not.toBe(customerId);
  });

  it('leaves nothing for the relay to index when it comes after the erasure', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: '退款申请 订单号码 丢失包裹' })).expect(201)).body;
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: '已经为您退款' }).expect(201);
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved', type: 'question' }).expect(200);
    await h.http.delete(`/v1/customers/${ticket.customerId}`).set(h.auth).send({ reason: 'before the relay' }).expect(200);
    await h.drainEvents();
    expect(await rows(sql`SELECT topic FROM ticket_topics WHERE ticket_id = ${ticket.id}`)).toEqual([]);
    expect(await rows(sql`SELECT id FROM suggestion_answers WHERE ticket_id = ${ticket.id}`)).toEqual([]);
  });

  it('needs a reason and its own scope; an unknown customer is 404', async () => {
    const { customerId } = await customerWithHistory();
    expect((await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({})).status).toBe(400);
    expect((await h.http.delete(`/v1/customers/${customerId}`).set(h.auth)).status).toBe(400);
    const writer = await keyWith('customers:write', 'customers:read', 'customers:export');
    expect((await h.http.delete(`/v1/customers/${customerId}`).set(writer).send({ reason: 'x' })).status).toBe(403);
    const unknown = await h.http.delete('/v1/customers/cus_nobody').set(h.auth).send({ reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('customers.not_found');
    const eraser = await keyWith('customers:erase');
    expect((await h.http.delete(`/v1/customers/${customerId}`).set(eraser).send({ reason: 'x' })).status).toBe(200);
  });

  it('drops stored answers of retried writes that showed the customer', async () => {
    const key = `idem-${unique()}`;
    const body = inquiry();
    const first = await h.http.post('/v1/inquiries').set(h.auth).set('idempotency-key', key).send(body).expect(201);
    await h.http.delete(`/v1/customers/${first.body.ticket.customerId}`).set(h.auth).send({ reason: 'request' }).expect(200);
    expect(await rows(sql`SELECT 1 FROM idempotency_keys WHERE key = ${key}`)).toEqual([]);
  });
});

describe('erasure before the relay reached the messages', () => {
  it('still counts them in crisis signals (with their sentiment), and indexes no words', async () => {
    await h.drainEvents();
    const id = unique();
    const opened = await h.http
      .post('/v1/inquiries')
      .set(h.auth)
      .send(inquiry({ channel: 'web', customer: { externalId: `pending-${id}` }, body: `太差了！订单${id}的奶粉过期了，我非常愤怒，要投诉` }))
      .expect(201);
    const { id: ticketId, customerId } = opened.body.ticket as { id: string; customerId: string };
    const messageId = opened.body.message.id as string;
    expect(await rows(sql`SELECT 1 FROM message_signals WHERE message_id = ${messageId}`)).toEqual([]); // not relayed yet

    await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'before the relay' }).expect(200);
    await h.drainEvents();
    expect(await rows(sql`SELECT ticket_id, negative FROM message_signals WHERE message_id = ${messageId}`)).toEqual([{ ticket_id: ticketId, negative: true }]);
    expect(await rows(sql`SELECT 1 FROM ticket_topics WHERE ticket_id = ${ticketId}`)).toEqual([]);
  });
});

/**
 * Erases the customer while `count` messages are being sent; then no message with text is left on
 * the erased customer, and none of its identities. Answers the messages' responses.
 */
async function eraseWhileWriting(customerId: string, count: number, send: (i: number) => Promise<{ status: number; body: { ticket: { customerId: string } } }>) {
  const [erased, ...answers] = await Promise.all([
    (async () => {
      await new Promise((resolve) => setTimeout(resolve, 15));
      return h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'race' });
    })(),
    ...Array.from({ length: count }, (_, i) => send(i)),
  ]);
  expect(erased.status).toBe(200);
  expect(answers.map((a) => a.status).every((status) => status === 200 || status === 201)).toBe(true);
  const left = await rows<{ body: string }>(sql`
    SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.customer_id = ${customerId} AND m.body <> '[erased]'`);
  expect(left).toEqual([]);
  expect(await rows(sql`SELECT 1 FROM customer_identities WHERE customer_id = ${customerId}`)).toEqual([]);
  return answers;
}

describe('erasure while the customer keeps writing', () => {
  it('leaves every message either erased with the customer or with a new customer, never text on the erased one', async () => {
    const { contact, customerId } = await customerWithHistory();
    const followUp = (i: number) =>
      h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ channel: 'web', threadId: `t-${i % 3}`, customer: { externalId: contact.externalId }, body: `follow-up ${i}` }));
    await eraseWhileWriting(customerId, 20, followUp);
  });

  it('also when the messages come from a channel id it never had, found by its email (a key the intake did not lock)', async () => {
    const { contact, customerId } = await customerWithHistory();
    const fromNewChannelId = (i: number) =>
      h.http
        .post('/v1/inquiries')
        .set(h.auth)
        .send(inquiry({ channel: i % 2 ? 'web' : 'email', threadId: `n-${unique()}`, customer: { externalId: `new-${unique()}`, email: contact.email }, body: `from elsewhere ${i}` }));
    const answers = await eraseWhileWriting(customerId, 30, fromNewChannelId);
    // Those that came after the erasure started a customer of their own, with the email again.
    const after = answers.filter((a) => a.body.ticket.customerId !== customerId);
    expect(new Set(after.map((a) => a.body.ticket.customerId)).size).toBeLessThanOrEqual(1);
  });

  // The window between finding the customer and writing to it is microseconds; a trigger that
  // sleeps on the new identity's insert holds it open, so the erasure surely runs inside it.
  describe.each([
    ['opening a ticket in one call (intake_open)', () => `n-${unique()}`],
    ['joining the customer\'s open thread (the general path)', (id: string) => `thread-${id}`],
  ])('with the erasure inside the window, %s', (_, threadOf) => {
    beforeAll(async () => {
      await h.container.db.db.execute(sql`
        CREATE OR REPLACE FUNCTION test_slow_identity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.value LIKE 'slow-%' THEN PERFORM pg_sleep(0.4); END IF; RETURN NEW; END $$;
        CREATE TRIGGER test_slow_identity BEFORE INSERT ON customer_identities FOR EACH ROW EXECUTE FUNCTION test_slow_identity();`);
    });
    afterAll(async () => {
      await h.container.db.db.execute(sql`DROP TRIGGER test_slow_identity ON customer_identities; DROP FUNCTION test_slow_identity();`);
    });

    it('puts the message with the customer before the erasure (erased with it), never on the erased one', async () => {
      const { id, contact, customerId } = await customerWithHistory();
      const message = h.http
        .post('/v1/inquiries')
        .set(h.auth)
        .send(inquiry({ channel: 'web', threadId: threadOf(id), customer: { externalId: `slow-${unique()}`, email: contact.email }, body: `slow message ${id}` }));
      const answered = message.then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const erased = await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'race' });
      expect(erased.status).toBe(200);
      const res = await answered;
      expect([200, 201], res.text).toContain(res.status);
      // It found the customer before the erasure: the erasure waited for it and took it along.
      expect(res.body.ticket.customerId).toBe(customerId);
      const left = await rows<{ body: string }>(sql`
        SELECT m.body FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.customer_id = ${customerId} AND m.body <> '[erased]'`);
      expect(left).toEqual([]);
      expect(await rows(sql`SELECT 1 FROM customer_identities WHERE customer_id = ${customerId}`)).toEqual([]);
    });
  });
});

describe('GET /v1/customers/{id}/export', () => {
  it('streams everything held about the customer as one JSON document, and what remains after erasure', async () => {
    const { id, contact, customerId, ticketIds } = await customerWithHistory();
    const res = await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth);
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const doc = res.body;
    expect(doc.customer).toMatchObject({ id: customerId, name: contact.name, email: contact.email });
    expect(doc.customer.identities.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'external_id', 'handle', 'phone']);
    expect(doc.erasure).toBeNull();
    expect(doc.tickets.map((t: { id: string }) => t.id).sort()).toEqual([...ticketIds].sort());
    expect(doc.messages).toHaveLength(4);
    expect(doc.messages.map((m: { body: string }) => m.body)).toContain(`note about ${id}`);
    expect(doc.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['ticket.created', 'message.created', 'ticket.updated']));
    expect(doc.signals.length).toBeGreaterThan(0);
    expect(Object.keys(doc)).toEqual(['exportedAt', 'customer', 'erasure', 'tickets', 'messages', 'surveys', 'events', 'topics', 'signals', 'outcomes']);

    await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'request' }).expect(200);
    const after = (await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth).expect(200)).body;
    expect(after.erasure).toMatchObject({ customerId, reason: 'request' });
    expect(after.tickets).toHaveLength(2);
    expect(JSON.stringify({ ...after, erasure: null })).not.toContain(id);
  });

  it('streams two at a time per process (each holds a connection); a third is 429 customers.export_busy, and the slots come back', async () => {
    const { customerId } = await customerWithHistory();
    // Another session locks the tickets table: the two exports stop at their tickets section,
    // holding their slots, like two slow downloads.
    const locker = await h.container.db.pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE tickets IN ACCESS EXCLUSIVE MODE');
      const slow = [0, 1].map(() => h.http.get(`/v1/customers/${customerId}/export`).set(h.auth).then((res) => res));
      const deadline = Date.now() + 5_000;
      for (;;) {
        const { rows: waiting } = await locker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'tickets'::regclass AND NOT granted`);
        if (waiting[0].n >= 2 || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const third = await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth);
      expect(third.status).toBe(429);
      expect(third.body.code).toBe('customers.export_busy');
      expect(third.headers['retry-after']).toBe('5');
      await locker.query('COMMIT');
      for (const res of await Promise.all(slow)) expect(res.status).toBe(200);
    } finally {
      locker.release();
    }
    await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth).expect(200);
  });

  it('pages through more rows than one page holds', async () => {
    const { customerId } = await customerWithHistory();
    const [ticketId] = (await h.http.get(`/v1/customers/${customerId}/tickets`).set(h.auth)).body.data.map((t: { id: string }) => t.id);
    // Straight into the table: the stream's paging is what is tested, not the writes.
    await h.container.db.db.execute(sql`
      INSERT INTO messages (id, ticket_id, author, visibility, body, created_at)
      SELECT 'msg_bulk_' || lpad(n::text, 4, '0') || ${ticketId}, ${ticketId}, 'agent', 'internal', 'n' || n, now() FROM generate_series(1, 510) AS n`);
    const doc = (await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth).expect(200)).body;
    expect(doc.messages.length).toBe(514);
    expect(new Set(doc.messages.map((m: { id: string }) => m.id)).size).toBe(514);
  });

  it('needs customers:export; an unknown customer is 404', async () => {
    const { customerId } = await customerWithHistory();
    const reader = await keyWith('customers:read', 'tickets:read');
    expect((await h.http.get(`/v1/customers/${customerId}/export`).set(reader)).status).toBe(403);
    expect((await h.http.get('/v1/customers/cus_nobody/export').set(h.auth)).status).toBe(404);
  });
});
