import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { eventually, startReceiver, type Receiver } from '../../support/webhook-receiver.ts';
import { CANARIES as C, canariesInDatabase, canariesInRedis, findCanaries } from '../../support/canaries.ts';

/**
 * Personal data never enters logs, Redis (job payloads, notices, rate limits: ids only), the
 * change feed or webhook deliveries (ids and codes), and after the customer's erasure no database row, search vector or stored event holds it. Canary
 * values go in through every route that writes what a customer said or who they are; the whole
 * pino output (API and worker, at trace level) and every Redis key and value are searched for
 * them, then every text, json and tsvector column of every table.
 */
let h: Harness;
let receiver: Receiver;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('trace', sink);
  h = await createHarness({ worker: true, logger, app: { logger }, webhooks: { allowedHosts: ['127.0.0.1'] } });
  receiver = await startReceiver();
  // A receiver that fails and echoes what it got: its answer lands in the delivery log, and the deliveries wait in Redis.
  receiver.answer(500, `could not process ${C.webhookEcho}`);
  await h.http.post('/v1/webhooks').set(h.auth).send({ url: `${receiver.url}/hooks`, events: ['*'] }).expect(201);
  const { updatedAt: _u, version, ...settings } = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
  await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', String(version)).send({ ...settings, delay: 'PT0S' }).expect(200);
}, 60_000);
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

const logsWithCanaries = () => lines.filter((line) => findCanaries(line).length > 0);

describe('canary values planted through every write route', () => {
  let customerId: string;
  let ticketIds: string[] = [];

  it('reach neither the logs nor Redis while the customer is on file', async () => {
    // Customers: by hand, then corrected.
    const customer = await h.http.post('/v1/customers').set(h.auth).send({ name: C.name, email: C.email, phone: C.phone }).expect(201);
    customerId = customer.body.id;
    expect((await h.http.post('/v1/customers').set(h.auth).send({ email: C.email })).status).toBe(409);
    // Intake from a channel: the same email makes it the same customer; a follow-up joins the thread; a redelivery is a duplicate.
    const first = inquiry({
      channel: 'weibo',
      threadId: C.threadId,
      subject: C.subject,
      body: `${C.body} 我要退款，订单三天没发货`,
      customer: { externalId: C.channelUserId, handle: C.handle, name: C.name, email: C.email, phone: C.phone },
    });
    const opened = await h.http.post('/v1/inquiries').set(h.auth).set('idempotency-key', 'canary-intake').send(first).expect(201);
    expect(opened.body.ticket.customerId).toBe(customerId);
    const ticketId = opened.body.ticket.id as string;
    await h.http.post('/v1/inquiries').set(h.auth).send(first).expect(200);
    await h.http
      .post('/v1/inquiries')
      .set(h.auth)
      .send(inquiry({ channel: 'weibo', threadId: C.threadId, body: C.followUp, customer: { externalId: C.channelUserId, handle: C.handle } }))
      .expect(200);
    expect((await h.http.post('/v1/inquiries').set(h.auth).send({ ...first, body: 'another body' })).status).toBe(409);
    await h.http.patch(`/v1/customers/${customerId}`).set(h.auth).send({ name: C.renamed }).expect(200);

    // Messages: the customer's, an agent's reply, an internal note; a macro that names the customer.
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'customer', body: C.customerMessage }).expect(201);
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: `${C.reply} 您好，已为您退款` }).expect(201);
    await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: C.note }).expect(201);
    const macro = await h.http.post('/v1/macros').set(h.auth).send({ name: 'Greeting', reply: { 'zh-Hans': '您好 {{customer.name}}，已处理', en: 'Hi {{customer.name}}, done' } }).expect(201);
    await h.http.post(`/v1/tickets/${ticketId}/macros/${macro.body.id}/apply`).set(h.auth).send({}).expect(200);

    // Tickets: opened by hand for the customer (by email), the subject corrected, solved.
    const byHand = await h.http
      .post('/v1/tickets')
      .set(h.auth)
      .send({ subject: C.ticketSubject, body: C.ticketBody, customer: { name: C.name, email: C.email, phone: C.phone } })
      .expect(201);
    expect(byHand.body.ticket.customerId).toBe(customerId);
    await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ subject: C.patchedSubject, status: 'solved', tags: ['refund'] }).expect(200);
    ticketIds = [ticketId, byHand.body.ticket.id];

    // Satisfaction: the worker sends the survey at once; the customer answers with a comment, then rates again.
    let token: string | null = null;
    await eventually(async () => {
      // (a scheduled survey has its token already, but its link answers 404 until it is sent)
      const survey = (await h.http.get(`/v1/tickets/${ticketId}/survey`).set(h.auth)).body as { token?: string; status?: string };
      token = survey.status && survey.status !== 'scheduled' ? (survey.token ?? null) : null;
      return token !== null;
    }, 15_000, 'the survey to be sent');
    const { reasonOptions } = (await h.http.get(`/v1/surveys/${token}`).expect(200)).body;
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 2, comment: C.surveyComment, reasons: reasonOptions.slice(0, 1) }).expect(200);
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 1, comment: `${C.surveyComment} again` }).expect(200);

    // Reads that carry personal values in the query string: search by name, phone, words.
    await h.http.get(`/v1/customers?q=${encodeURIComponent(C.phone)}`).set(h.auth).expect(200);
    await h.http.get(`/v1/tickets?q=${C.body}`).set(h.auth).expect(200);
    await h.http.get(`/v1/customers/${customerId}/export`).set(h.auth).expect(200);

    // The relay, the topics, suggestions and reports subscribers, and the webhook deliveries all run on it.
    await h.drainEvents();
    await eventually(async () => {
      const { rows } = await h.container.db.db.execute(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE last_response IS NOT NULL AND ticket_id = ${ticketId}`);
      return (rows[0] as { n: number }).n > 0;
    }, 15_000, 'a delivery to fail with the echo');
    const planted = (await canariesInDatabase(h.container.db.db)).join('\n');
    if (process.env.CANARY_DEBUG) process.stderr.write(`${planted}\n`);
    for (const where of ['customers.name', 'customer_identities.value', 'messages.body', 'messages.search', 'tickets.subject', 'events.data', 'surveys.comment', 'webhook_deliveries.last_response', 'idempotency_keys.response_body']) {
      expect(planted, `the planting reached ${where}`).toContain(where);
    }
    expect(lines.length, 'the logs were captured').toBeGreaterThan(50);

    expect(logsWithCanaries()).toEqual([]);
    expect(await canariesInRedis(h.container.redis)).toEqual([]);
    // The change feed and webhook deliveries carry ids and codes, never the words.
    expect(receiver.received.length).toBeGreaterThan(0); // the heads of each ticket's line (the rest wait their turn)
    expect(receiver.received.flatMap((d) => findCanaries(d.body))).toEqual([]);
    const feed = await h.http.get('/v1/events?limit=200').set(h.auth).expect(200);
    expect(feed.body.data.length).toBeGreaterThan(10);
    expect(findCanaries(feed.text)).toEqual([]);
    // Metrics (labels are route patterns, types, codes) and the audit log (ids only) neither.
    const metrics = await h.http.get('/metrics').set(h.auth).expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
    expect(findCanaries(metrics.text)).toEqual([]);
    await h.container.audit.flush();
    const audit = await h.http.get('/v1/audit-log?limit=200').set(h.auth).expect(200);
    expect(audit.body.data.length).toBeGreaterThan(10);
    expect(findCanaries(audit.text)).toEqual([]);
  });

  it('leave no trace in the database, search vectors or Redis once the customer is erased, and unsent deliveries go out without them', async () => {
    const erased = await h.http.delete(`/v1/customers/${customerId}`).set(h.auth).send({ reason: 'canary erasure' });
    expect(erased.status, erased.text).toBe(200);
    await h.drainEvents();

    expect(await canariesInDatabase(h.container.db.db)).toEqual([]);
    const { rows } = await h.container.db.db.execute(
      sql`SELECT count(*)::int AS n FROM messages WHERE ticket_id = ANY(${sql.param(ticketIds)}::text[]) AND search <> ''::tsvector`,
    );
    expect(rows).toEqual([{ n: 0 }]);
    for (const word of [C.body, C.subject, C.reply, C.note, C.patchedSubject]) {
      expect((await h.http.get(`/v1/tickets?q=${word}`).set(h.auth).expect(200)).body.data, word).toEqual([]);
    }

    // What was still owed to the receiver goes now, built from the rewritten events.
    const before = receiver.received.length;
    receiver.answer(204);
    await h.container.db.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE status = 'pending'`);
    await h.container.webhooks.sweeper().sweep({ graceMs: 0 });
    await eventually(async () => {
      const { rows: pending } = await h.container.db.db.execute(sql`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`);
      return (pending[0] as { n: number }).n === 0;
    }, 20_000, 'every pending delivery to go out');
    const sent = receiver.received.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.flatMap((d) => findCanaries(d.body))).toEqual([]);

    expect(await canariesInRedis(h.container.redis)).toEqual([]);
    expect(logsWithCanaries()).toEqual([]);
    expect(findCanaries((await h.http.get('/metrics').set(h.auth).expect(200)).text)).toEqual([]);
  });
});
