import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { eventually, startReceiver, type Receiver } from '../../support/webhook-receiver.ts';
import { startMetricsServer } from '../../../src/modules/metrics/metrics-server.ts';

/**
 * `/metrics` after real traffic with the worker running in this process (as `npm start` runs
 * both roles): intake, a reply, an SLA timer that fires, a webhook delivery and relay passes.
 * Each family is there with sensible values, labels carry route patterns and closed sets only,
 * and the canary values the traffic carried appear nowhere in the output.
 */
let h: Harness;
let receiver: Receiver;
let scraperKey: string;
const CANARY = `canary${randomBytes(4).toString('hex')}`;

/** One sample's value: `name{a="x",b="y"} 12` by its name and some of its labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

async function scrape(): Promise<string> {
  const res = await h.http.get('/metrics').set({ authorization: `Bearer ${scraperKey}` });
  expect(res.status, res.text).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
}

beforeAll(async () => {
  h = await createHarness({ worker: true, webhooks: { allowedHosts: ['127.0.0.1'] } });
  receiver = await startReceiver();
  scraperKey = (await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'prometheus', scopes: ['metrics:read'] }).expect(201)).body.secret;
  await h.http.post('/v1/webhooks').set(h.auth).send({ url: `${receiver.url}/hooks`, events: ['ticket.created'] }).expect(201);
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'Fast lane', position: 0, conditions: { tags: [] }, targets: [{ metric: 'first_response', within: 'PT1S' }] })
    .expect(201);
});
afterAll(async () => {
  await h?.close();
  await receiver?.close();
});

describe('GET /metrics', () => {
  it('holds every family with sensible values after intake, a reply, an SLA timer, a webhook delivery and relay passes', async () => {
    // Intake in English and Chinese, with canaries in every personal field and in the search.
    const first = await h.http
      .post('/v1/inquiries')
      .set(h.auth)
      .send(inquiry({ customer: { externalId: `u-${CANARY}`, name: `Name ${CANARY}`, handle: `@${CANARY}` }, body: `我要投诉，快递三天没到 ${CANARY}` }))
      .expect(201);
    await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: `How do I change my delivery address? ${CANARY}` })).expect(201);
    const ticketId = first.body.ticket.id as string;
    // A reply on the second ticket's kind of path; the first ticket's one-second timer breaches.
    const other = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
    await h.http.post(`/v1/tickets/${other.body.ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: `回复 ${CANARY}` }).expect(201);
    await h.http.get(`/v1/tickets?q=${CANARY}`).set(h.auth).expect(200);
    await h.http.get(`/v1/tickets/${ticketId}`).set(h.auth).expect(200);
    await h.http.get(`/v1/customers/${CANARY}`).set(h.auth).expect(404);

    await eventually(async () => receiver.received.length >= 3, 15_000, 'three webhook deliveries');
    await eventually(async () => {
      const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth)).body.data as { type: string }[];
      return events.some((e) => e.type === 'sla.breached');
    }, 15_000, 'the SLA timer to fire');
    await eventually(async () => (sample(await scrape(), 'sla_timer_lateness_seconds_count', { kind: 'breach' }) ?? 0) >= 1, 5_000, 'the lateness to be observed');

    const text = await scrape();
    // HTTP latency by route pattern and status.
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/v1/inquiries', method: 'POST', status: '201' })).toBe(3);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/v1/tickets/:id/messages', status: '201' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/v1/customers/:id', status: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/v1/inquiries', le: '+Inf' })).toBe(3);
    // Queues: depths read from Redis, job timings from this process's workers.
    for (const queue of ['sla', 'webhooks']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(sample(text, 'queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(0);
    }
    expect(sample(text, 'queue_job_duration_seconds_count', { queue: 'webhooks', outcome: 'completed' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'queue_job_wait_seconds_count', { queue: 'webhooks' })).toBeGreaterThanOrEqual(3);
    // The SLA timer fired late by less than a couple of seconds.
    const lateness = sample(text, 'sla_timer_lateness_seconds_sum', { kind: 'breach' })! / sample(text, 'sla_timer_lateness_seconds_count', { kind: 'breach' })!;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(2);
    // Classification by type and language: three inquiries classified, confidences in (0, 1].
    const classified = text.split('\n').filter((l) => l.startsWith('classifications_total{'));
    expect(classified.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0)).toBe(3);
    expect(classified.some((l) => /language="(zh-Hans|mixed)"/.test(l)), classified.join('\n')).toBe(true);
    expect(classified.every((l) => /type="(question|complaint|suggestion|unknown)",language="(zh-Hans|zh-Hant|en|mixed|other)"/.test(l) || /language="[a-zA-Z-]+",type="[a-z]+"/.test(l)), classified.join('\n')).toBe(true);
    expect(classified.some((l) => l.includes('language="en"'))).toBe(true);
    const confidence = text.split('\n').filter((l) => l.startsWith('classification_confidence_sum{')).map((l) => Number(l.split(' ').pop()));
    expect(confidence.every((v) => v > 0 && v <= 3)).toBe(true);
    // Webhook outcomes and lag from the event.
    expect(sample(text, 'webhook_delivery_attempts_total', { outcome: 'delivered' })).toBeGreaterThanOrEqual(3);
    const lag = sample(text, 'webhook_delivery_lag_seconds_sum', { outcome: 'delivered' })! / sample(text, 'webhook_delivery_lag_seconds_count', { outcome: 'delivered' })!;
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(10);
    // Relay lag per subscriber: the worker's relay has caught up (or nearly).
    // (Timers still firing in the worker may append events meanwhile: drain until a scrape sees none behind.)
    let caughtUp = '';
    await eventually(async () => {
      await h.drainEvents();
      caughtUp = await scrape();
      return ['webhooks', 'reports', 'csat-surveys'].every((subscriber) => sample(caughtUp, 'relay_events_behind', { subscriber }) === 0);
    }, 10_000, 'the relay to catch up');
    for (const subscriber of ['webhooks', 'reports', 'csat-surveys']) {
      expect(sample(caughtUp, 'relay_events_behind', { subscriber }), subscriber).toBe(0);
      expect(sample(caughtUp, 'relay_oldest_unprocessed_seconds', { subscriber })).toBe(0);
    }
    // The pool, and Node's own figures.
    expect(sample(text, 'pg_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(text, 'pg_pool_connections', { state: 'waiting' })).toBe(0);
    expect(text).toContain('process_resident_memory_bytes');

    // No personal data, no raw URL, no search term: the canary is nowhere.
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('?q=');
    expect(text).not.toMatch(/route="\/v1\/tickets\/tkt_/);
  });

  it('counts a lagging relay subscriber: events behind and the age of the oldest', async () => {
    await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
    // The worker's relay may get there first; the scrape sees either the lag or nothing behind.
    const text = await scrape();
    const behind = sample(text, 'relay_events_behind', { subscriber: 'reports' })!;
    const oldest = sample(text, 'relay_oldest_unprocessed_seconds', { subscriber: 'reports' })!;
    expect(behind === 0 ? oldest === 0 : oldest >= 0 && oldest < 60).toBe(true);
  });

  it('needs metrics:read: no key is 401, a key without it 403, the admin key passes', async () => {
    expect((await h.http.get('/metrics')).status).toBe(401);
    const other = (await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'reader', scopes: ['tickets:read'] }).expect(201)).body.secret;
    expect((await h.http.get('/metrics').set({ authorization: `Bearer ${other}` })).status).toBe(403);
    expect((await h.http.get('/metrics').set(h.auth)).status).toBe(200);
  });

  it("the worker's own port answers the same figures to the same key, and nothing without it", async () => {
    const server = await startMetricsServer({ scrape: h.container.metrics.scrape, keys: h.container.credentials.apiKeys, port: 0, host: '127.0.0.1', logger: h.container.logger });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const res = await fetch(url, { headers: { authorization: `Bearer ${scraperKey}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('queue_job_duration_seconds_count{queue="webhooks"');
    } finally {
      server.close();
    }
  });
});
