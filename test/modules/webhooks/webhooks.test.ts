import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { startReceiver, verifyDelivery, type ReceivedDelivery, type Receiver } from '../../support/webhook-receiver.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { createDeliveryRepository } from '../../../src/modules/webhooks/deliveries.repository.ts';
import { deliveryIdFor } from '../../../src/modules/webhooks/webhooks.subscriber.ts';
import { sendJobId, WEBHOOKS_QUEUE } from '../../../src/modules/webhooks/webhooks.queue.ts';
import type { AttemptOutcome } from '../../../src/modules/webhooks/delivery-runner.ts';

/**
 * Webhooks with the clock in the test's hands: events are relayed with drainEvents() and the
 * sender is called directly (the worker's job does the same), so retries over days take no time.
 * The receiver is a plain HTTP server on loopback, let through by WEBHOOK_ALLOWED_HOSTS.
 */
const clock = createFixedClock('2026-04-01T08:00:00.000Z');
let h: Harness;
let receiver: Receiver;
const endpointsToDelete: string[] = [];

beforeAll(async () => {
  h = await createHarness({ clock, webhooks: { allowedHosts: ['127.0.0.1'] } });
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  // Every endpoint takes every event: one test's endpoint must not collect the next test's events.
  for (const id of endpointsToDelete.splice(0)) await h.http.delete(`/v1/webhooks/${id}`).set(h.auth);
  await receiver?.close();
});

interface Endpoint {
  id: string;
  secret: string;
}

async function endpoint(body: Record<string, unknown> = {}, auth = h.auth): Promise<Endpoint> {
  receiver = await startReceiver();
  const res = await h.http.post('/v1/webhooks').set(auth).send({ url: `${receiver.url}/hooks`, events: ['*'], ...body });
  expect(res.status, res.text).toBe(201);
  endpointsToDelete.push(res.body.id);
  return res.body as Endpoint;
}

const runner = () => h.container.webhooks.runner({ random: () => 0.5 });

/** Sends whatever is due for an endpoint, as the worker would, until nothing more is (retries wait). */
async function sendDue(endpointId: string): Promise<AttemptOutcome[]> {
  const outcomes: AttemptOutcome[] = [];
  const send = runner();
  for (;;) {
    const due = await createDeliveryRepository(h.container.db.db).due(clock.now(), clock.now(), 100, endpointId);
    if (due.length === 0) return outcomes;
    const round: AttemptOutcome[] = [];
    for (const d of due) round.push((await send.attempt(d.id)).outcome);
    outcomes.push(...round);
    if (round.every((o) => o === 'not_claimed')) return outcomes;
  }
}

const signedAt = (d: ReceivedDelivery) => new Date(Number(d.headers['webhook-timestamp']) * 1000);
const bodies = (secret: string) => receiver.received.map((d) => ({ id: d.headers['webhook-id']!, ...verifyDelivery(secret, d, signedAt(d)) }));

async function openTicket() {
  const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry());
  expect(res.status).toBe(201);
  return res.body.ticket.id as string;
}

async function timeline(ticketId: string) {
  return (await h.http.get(`/v1/tickets/${ticketId}/events?limit=200`).set(h.auth)).body.data as { id: string; type: string }[];
}

async function deliveryLog(endpointId: string, query = '') {
  const res = await h.http.get(`/v1/webhooks/${endpointId}/deliveries${query}`).set(h.auth);
  expect(res.status, res.text).toBe(200);
  return res.body as { data: Record<string, unknown>[]; nextCursor: string | null };
}

describe('registering an endpoint', () => {
  it('answers the Standard Webhooks secret once; reads never show it', async () => {
    const created = await endpoint({ events: ['ticket.created', '*'], description: 'CRM sync' });
    expect(created).toMatchObject({ status: 'active', statusReason: null, events: ['*'], description: 'CRM sync', surveyLinks: true, version: 1 });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const read = await h.http.get(`/v1/webhooks/${created.id}`).set(h.auth).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    expect(JSON.stringify(read.body)).not.toContain(created.secret.slice(6));
    const list = await h.http.get('/v1/webhooks').set(h.auth).expect(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain(created.secret.slice(6));
    // and the secret is sealed at rest, not stored as given
    const stored = await h.container.db.pool.query('SELECT secret_sealed FROM webhook_endpoints WHERE id = $1', [created.id]);
    expect(stored.rows[0].secret_sealed).toMatch(/^v1\./);
    expect(stored.rows[0].secret_sealed).not.toContain(created.secret.slice(6, 20));
  });

  it('validates the body: event names, URL shape', async () => {
    const bad = await h.http.post('/v1/webhooks').set(h.auth).send({ url: 'not a url', events: ['ticket.exploded'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.events.0', 'body.url']);
  });
});

describe('delivering events', () => {
  it('sends every event of a ticket, signed, once per webhook-id, in order', async () => {
    const { id, secret } = await endpoint();
    const ticketId = await openTicket();
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: '您好，已为您查询' }).expect(201);
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.drainEvents();
    expect(receiver.received).toHaveLength(0); // nothing is sent by the relay or a request handler
    await sendDue(id);

    const events = await timeline(ticketId);
    const got = bodies(secret);
    expect(got.map((b) => b.data.eventId)).toEqual(events.map((e) => e.id));
    expect(got.map((b) => b.type)).toEqual(events.map((e) => e.type));
    expect(got.map((b) => b.id)).toEqual(events.map((e) => deliveryIdFor(id, e.id)));
    expect(new Set(got.map((b) => b.id)).size).toBe(got.length);
    const created = got.find((b) => b.type === 'ticket.created')!;
    expect(created.data).toMatchObject({ ticketId, actor: { type: 'api_key' }, ticket: { id: ticketId, status: 'new' } });
    expect(created.timestamp).toBe('2026-04-01T08:00:00.000Z');
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');

    const log = await deliveryLog(id);
    expect(log.data).toHaveLength(events.length);
    expect(log.data[0]).toMatchObject({ status: 'delivered', attempts: 1, statusCode: 204, error: null, nextAttemptAt: null, ticketId, deliveredAt: '2026-04-01T08:00:00.000Z' });
    expect(log.data[0]!.latencyMs).toEqual(expect.any(Number));
    // a second run sends nothing again
    await h.drainEvents();
    await sendDue(id);
    expect(receiver.received).toHaveLength(events.length);
  });

  it('subscribes to the chosen types only', async () => {
    const { id, secret } = await endpoint({ events: ['ticket.updated'] });
    const ticketId = await openTicket();
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ priority: 'high' }).expect(200);
    await h.drainEvents();
    await sendDue(id);
    expect(bodies(secret).map((b) => b.type)).toEqual(['ticket.updated']);
  });

  it('enqueues each delivery as a job named by the attempt, and the sweeper finds what Redis lost', async () => {
    const { id } = await endpoint({ events: ['ticket.created'] });
    const ticketId = await openTicket();
    await h.drainEvents();
    const [delivery] = (await deliveryLog(id)).data as { id: string }[];
    const queue = new Queue(WEBHOOKS_QUEUE, { connection: { url: h.redisUrl }, prefix: h.queuePrefix });
    try {
      expect(await queue.getJob(sendJobId({ id: delivery!.id, attempts: 0 }))).toMatchObject({ data: { task: 'send', deliveryId: delivery!.id } });
      await queue.obliterate({ force: true }); // Redis lost everything
      const sweeper = h.container.webhooks.sweeper();
      expect(await sweeper.sweep({ graceMs: 0 })).toBeGreaterThanOrEqual(1);
      expect(await queue.getJob(sendJobId({ id: delivery!.id, attempts: 0 }))).toBeTruthy();
    } finally {
      await queue.close();
    }
    expect(ticketId).toBeTruthy();
  });
});

describe('a receiver that is down', () => {
  it('gets everything once it is back: retries with backoff, the same webhook-id, in order per ticket', async () => {
    clock.set('2026-04-01T08:00:00.000Z');
    const { id, secret } = await endpoint();
    receiver.answer(503, 'maintenance');
    const ticketId = await openTicket();
    await h.drainEvents();
    const outcomes = await sendDue(id);
    // Only the first of the ticket's deliveries is tried; the others wait behind it.
    expect(outcomes.filter((o) => o === 'retrying')).toHaveLength(1);
    expect(receiver.received).toHaveLength(1);
    const first = (await deliveryLog(id, '?status=pending')).data.find((d) => d.attempts === 1);
    expect(first).toMatchObject({ attempts: 1, statusCode: 503, error: 'answered 503', response: 'maintenance', nextAttemptAt: '2026-04-01T08:00:10.000Z' });

    // A later change of the same ticket while it is down waits too.
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ priority: 'urgent' }).expect(200);
    await h.drainEvents();
    for (const wait of [10, 50, 250]) {
      clock.advance(wait * 1000);
      await sendDue(id);
    }
    expect(receiver.received).toHaveLength(4);
    expect(new Set(receiver.received.map((d) => d.headers['webhook-id'])).size).toBe(1);

    receiver.answer(200);
    clock.advance(1250 * 1000);
    await sendDue(id);
    const events = await timeline(ticketId);
    const delivered = bodies(secret).slice(4);
    expect(delivered.map((b) => b.data.eventId)).toEqual(events.map((e) => e.id));
    expect((await deliveryLog(id, '?status=pending')).data).toEqual([]);
    const log = (await deliveryLog(id)).data;
    expect(log.find((d) => d.id === first!.id)).toMatchObject({ status: 'delivered', attempts: 5, statusCode: 200 });
    const endpointNow = (await h.http.get(`/v1/webhooks/${id}`).set(h.auth)).body;
    expect(endpointNow).toMatchObject({ status: 'active', consecutiveFailures: 0 });
  });

  it('gives a delivery up after ten attempts over about three days; the next of its ticket goes then', async () => {
    clock.set('2026-04-02T00:00:00.000Z');
    const { id } = await endpoint({ events: ['ticket.created', 'ticket.updated'] });
    receiver.answer(500);
    const ticketId = await openTicket();
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ priority: 'low' }).expect(200);
    await h.drainEvents();
    let elapsed = 0;
    for (let attempt = 1; attempt <= 10; attempt++) {
      const pending = (await deliveryLog(id, '?status=pending')).data.find((d) => d.eventType === 'ticket.created');
      if (attempt > 1) {
        const wait = Date.parse(pending!.nextAttemptAt as string) - clock.now().getTime();
        elapsed += wait;
        clock.advance(wait);
      }
      await sendDue(id);
    }
    expect(elapsed / 3_600_000).toBeCloseTo(70.85, 1);
    const log = (await deliveryLog(id)).data;
    expect(log.find((d) => d.eventType === 'ticket.created')).toMatchObject({ status: 'failed', attempts: 10, nextAttemptAt: null, statusCode: 500 });
    // The ticket.updated behind it got its first attempt the moment the first was given up.
    expect(log.find((d) => d.eventType === 'ticket.updated')).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

describe('what an attempt waits for and reads', () => {
  it('gives up waiting for an answer, reads at most 4 KB of it, and follows no redirect', async () => {
    const { id } = await endpoint({ events: ['ticket.created'] });
    await openTicket();
    await h.drainEvents();
    const [delivery] = (await deliveryLog(id)).data as { id: string }[];
    const impatient = h.container.webhooks.runner({ random: () => 0.5, limits: { responseTimeoutMs: 300 } });

    receiver.answer('hang');
    expect((await impatient.attempt(delivery!.id)).outcome).toBe('retrying');
    expect((await deliveryLog(id)).data[0]).toMatchObject({ statusCode: null, error: 'no answer within 300 ms' });

    receiver.answer(302);
    clock.advance(3_600_000);
    await impatient.attempt(delivery!.id);
    expect((await deliveryLog(id)).data[0]).toMatchObject({ statusCode: 302, error: 'answered 302: redirects are not followed', status: 'pending' });

    receiver.answer(500, '错'.repeat(5000));
    clock.advance(3_600_000);
    await impatient.attempt(delivery!.id);
    const logged = (await deliveryLog(id)).data[0]!;
    expect(logged).toMatchObject({ statusCode: 500, attempts: 3 });
    expect(Buffer.byteLength(logged.response as string)).toBeLessThanOrEqual(4096 + 3);
    expect((logged.response as string).length).toBeGreaterThan(1000);
  });
});

describe('endpoint status', () => {
  it('a 410 disables the endpoint: what it was owed is given up, new events make no deliveries', async () => {
    const { id } = await endpoint();
    receiver.answer(410);
    const ticketId = await openTicket();
    await h.drainEvents();
    expect(await sendDue(id)).toContain('disabled');
    expect(receiver.received).toHaveLength(1);
    const read = (await h.http.get(`/v1/webhooks/${id}`).set(h.auth)).body;
    expect(read).toMatchObject({ status: 'disabled', statusReason: 'gone' });
    const log = (await deliveryLog(id)).data;
    expect(log.every((d) => d.status === 'failed')).toBe(true);
    expect(log.some((d) => d.error === 'not sent: the endpoint answered 410 Gone and was disabled')).toBe(true);
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ priority: 'high' }).expect(200);
    await h.drainEvents();
    expect((await deliveryLog(id)).data).toHaveLength(log.length);
  });

  it('pauses after 20 failures in a row over an hour; resuming sends what accumulated, in order', async () => {
    clock.set('2026-04-05T00:00:00.000Z');
    const { id, secret } = await endpoint({ events: ['ticket.created', 'ticket.updated'] });
    receiver.answer(502);
    const tickets: string[] = [];
    for (let i = 0; i < 20; i++) tickets.push(await openTicket());
    await h.drainEvents();
    await sendDue(id);
    expect((await h.http.get(`/v1/webhooks/${id}`).set(h.auth)).body).toMatchObject({ status: 'active', consecutiveFailures: 20 });
    clock.advance(3_600_000);
    await sendDue(id);
    const paused = (await h.http.get(`/v1/webhooks/${id}`).set(h.auth)).body;
    expect(paused).toMatchObject({ status: 'paused', statusReason: 'failing' });
    const seen = receiver.received.length;

    // Paused: events still accumulate, nothing is sent.
    await h.http.patch(`/v1/tickets/${tickets[0]}`).set(h.auth).send({ priority: 'urgent' }).expect(200);
    await h.drainEvents();
    clock.advance(24 * 3_600_000);
    await sendDue(id);
    expect(receiver.received).toHaveLength(seen);

    receiver.answer(200);
    const resumed = await h.http.patch(`/v1/webhooks/${id}`).set(h.auth).set('if-match', String(paused.version)).send({ status: 'active' });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', statusReason: null, consecutiveFailures: 0 });
    await sendDue(id);
    expect((await deliveryLog(id, '?status=pending&limit=200')).data).toEqual([]);
    const delivered = bodies(secret).slice(seen);
    for (const ticketId of tickets) {
      const expected = (await timeline(ticketId)).filter((e) => e.type === 'ticket.created' || e.type === 'ticket.updated').map((e) => e.id);
      expect(delivered.filter((b) => b.data.ticketId === ticketId).map((b) => b.data.eventId)).toEqual(expected);
    }
  });

  it('a caller pauses and resumes by PATCH (If-Match), and a stale version is a 412', async () => {
    const { id } = await endpoint();
    const paused = await h.http.patch(`/v1/webhooks/${id}`).set(h.auth).set('if-match', '1').send({ status: 'paused' });
    expect(paused.body).toMatchObject({ status: 'paused', statusReason: 'requested', version: 2 });
    expect((await h.http.patch(`/v1/webhooks/${id}`).set(h.auth).set('if-match', '1').send({ status: 'active' })).status).toBe(412);
    await openTicket();
    await h.drainEvents();
    await sendDue(id);
    expect(receiver.received).toHaveLength(0);
    await h.http.patch(`/v1/webhooks/${id}`).set(h.auth).send({ status: 'active' }).expect(200);
    await sendDue(id);
    expect(receiver.received.length).toBeGreaterThan(0);
  });
});

describe('redelivery, pings and secrets', () => {
  it('redelivers with the same webhook-id', async () => {
    const { id, secret } = await endpoint({ events: ['ticket.created'] });
    await openTicket();
    await h.drainEvents();
    await sendDue(id);
    const [delivery] = (await deliveryLog(id)).data as { id: string }[];
    clock.advance(60_000);
    const res = await h.http.post(`/v1/webhooks/${id}/deliveries/${delivery!.id}/redeliver`).set(h.auth);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({ id: delivery!.id, status: 'pending' });
    await sendDue(id);
    expect(receiver.received.map((d) => d.headers['webhook-id'])).toEqual([delivery!.id, delivery!.id]);
    const [a, b] = bodies(secret);
    expect(a!.data.eventId).toBe(b!.data.eventId);
    expect((await deliveryLog(id)).data[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await h.http.post(`/v1/webhooks/${id}/deliveries/dlv_nope/redeliver`).set(h.auth)).status).toBe(404);
  });

  it('pings: one signed webhook.ping delivery', async () => {
    const { id, secret } = await endpoint();
    const res = await h.http.post(`/v1/webhooks/${id}/ping`).set(h.auth);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toMatchObject({ eventType: 'webhook.ping', eventId: null, status: 'pending', attempts: 0 });
    await sendDue(id);
    expect(bodies(secret)).toEqual([{ id: res.body.id, type: 'webhook.ping', timestamp: expect.any(String), data: { webhookId: id } }]);
  });

  it('rotating the secret signs with both for 24 hours, then with the new one only', async () => {
    const { id, secret: old } = await endpoint({ events: ['ticket.created'] });
    const rotated = await h.http.post(`/v1/webhooks/${id}/rotate-secret`).set(h.auth);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(old);
    expect(rotated.body.previousSecretExpiresAt).toBe(new Date(clock.now().getTime() + 24 * 3_600_000).toISOString());
    await openTicket();
    await h.drainEvents();
    await sendDue(id);
    const during = receiver.received[0]!;
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(verifyDelivery(old, during, signedAt(during)).type).toBe('ticket.created');
    expect(verifyDelivery(fresh, during, signedAt(during)).type).toBe('ticket.created');

    clock.advance(24 * 3_600_000 + 1000);
    await openTicket();
    await h.drainEvents();
    await sendDue(id);
    const after = receiver.received[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(verifyDelivery(fresh, after, signedAt(after)).type).toBe('ticket.created');
    expect(() => verifyDelivery(old, after, signedAt(after))).toThrow('No matching signature');
    expect((await h.http.get(`/v1/webhooks/${id}`).set(h.auth)).body.previousSecretExpiresAt).toBeNull();
  });
});

describe('survey links', () => {
  async function keyWith(scopes: string[]) {
    const res = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'webhooks probe', scopes });
    expect(res.status).toBe(201);
    return { authorization: `Bearer ${res.body.secret as string}` };
  }

  async function surveyRequested(endpoints: Endpoint[]) {
    const { updatedAt: _u, version, ...settings } = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
    await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', String(version)).send({ ...settings, delay: 'PT0S' }).expect(200);
    const ticketId = await openTicket();
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.drainEvents();
    for (const due of await h.container.csat.dueSurveys(clock.now())) await h.container.csat.issue(due.id);
    await h.drainEvents();
    for (const e of endpoints) await sendDue(e.id);
  }

  it('go only to endpoints registered by a caller holding surveys:deliver', async () => {
    const plain = await endpoint({ events: ['csat.requested'] }, await keyWith(['webhooks:write']));
    const plainReceiver = receiver;
    expect(plain).toMatchObject({ surveyLinks: false });
    const connector = await endpoint({ events: ['csat.requested'] }, await keyWith(['webhooks:write', 'surveys:deliver']));
    expect(connector).toMatchObject({ surveyLinks: true });
    await surveyRequested([plain, connector]);

    const withoutLink = verifyDelivery(plain.secret, plainReceiver.received[0]!, signedAt(plainReceiver.received[0]!));
    expect(withoutLink.data).toMatchObject({ surveyId: expect.any(String), channel: 'weibo' });
    expect(withoutLink.data).not.toHaveProperty('token');
    expect(withoutLink.data).not.toHaveProperty('url');
    const withLink = verifyDelivery(connector.secret, receiver.received[0]!, signedAt(receiver.received[0]!));
    expect(withLink.data).toMatchObject({ token: expect.any(String), url: expect.stringContaining('/survey/') });
    await plainReceiver.close();
  });

  it('end for an endpoint whose URL a caller without surveys:deliver changes', async () => {
    const { id } = await endpoint({ events: ['csat.requested'] });
    const res = await h.http.patch(`/v1/webhooks/${id}`).set(await keyWith(['webhooks:write'])).send({ url: `${receiver.url}/elsewhere` });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ url: `${receiver.url}/elsewhere`, surveyLinks: false });
  });
});

describe('order per ticket', () => {
  it('a later delivery of a ticket waits until the earlier one is settled', async () => {
    const { id } = await endpoint({ events: ['ticket.created', 'ticket.updated'] });
    const ticketId = await openTicket();
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ priority: 'high' }).expect(200);
    await h.drainEvents();
    const log = (await deliveryLog(id)).data as { id: string; eventType: string }[];
    const created = log.find((d) => d.eventType === 'ticket.created')!;
    const updated = log.find((d) => d.eventType === 'ticket.updated')!;
    const send = runner();
    expect((await send.attempt(updated.id)).outcome).toBe('not_claimed');
    const first = await send.attempt(created.id);
    expect(first.outcome).toBe('delivered');
    // settling the first hands on the next of its line
    expect(first.enqueue).toEqual([{ id: updated.id, attempts: 0 }]);
    expect((await send.attempt(updated.id)).outcome).toBe('delivered');
  });

  it('pages the delivery log by keyset, newest first', async () => {
    const { id } = await endpoint({ events: ['ticket.created'] });
    for (let i = 0; i < 3; i++) {
      await openTicket();
      clock.advance(1000);
    }
    await h.drainEvents();
    const page1 = await deliveryLog(id, '?limit=2');
    expect(page1.data).toHaveLength(2);
    const page2 = await deliveryLog(id, `?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.data).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const all = [...page1.data, ...page2.data].map((d) => d.createdAt as string);
    expect(all).toEqual([...all].sort().reverse());
    expect((await h.http.get('/v1/webhooks/whk_missing/deliveries').set(h.auth)).status).toBe(404);
  });
});
