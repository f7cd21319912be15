import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { EVENT_CATALOGUE, type EventType } from '../../../src/modules/events/catalogue.ts';
import { FEED_CATALOGUE, feedData } from '../../../src/modules/events/feed-data.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { eventNoticeChannel } from '../../../src/modules/events/event-notices.ts';

/** What the service records is what the catalogue (and so the webhook payloads) promises. */
const clock = createFixedClock('2026-06-01T08:00:00.000Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ clock });
});
afterAll(() => h.close());

describe('the event catalogue', () => {
  it('describes the data of every event a ticket lifecycle records', async () => {
    await h.http.post('/v1/sla-policies').set(h.auth).send({ name: 'Instant', position: 0, targets: [{ metric: 'first_response', within: 'PT1S' }] }).expect(201);
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body;
    clock.set('2026-06-01T08:00:02.000Z'); // past the first-response deadline
    await h.container.sla.sweeper({ overdueGraceMs: 0 }).sweep();
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: '您好，已经为您查询' }).expect(201);
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ priority: 'high', status: 'solved', type: 'complaint' }).expect(200);

    const { rows } = await h.container.db.pool.query<{ type: EventType; data: unknown }>('SELECT type, data FROM events');
    const types = new Set(rows.map((r) => r.type));
    for (const expected of ['ticket.created', 'ticket.classified', 'message.created', 'ticket.updated', 'sla.breached'] as const) expect(types).toContain(expected);
    for (const row of rows) {
      const parsed = EVENT_CATALOGUE[row.type].safeParse(row.data);
      expect(parsed.success, `${row.type}: ${parsed.error?.message}`).toBe(true);
      // What the feed and webhooks carry is what their documented schema says, and holds none of the words.
      const shown = feedData(row.type, row.data as Record<string, unknown>);
      const published = FEED_CATALOGUE[row.type].safeParse(shown);
      expect(published.success, `feed ${row.type}: ${published.error?.message}`).toBe(true);
      expect(JSON.stringify(shown)).not.toMatch(/您好|发货|订单/);
    }
  });

  it('the relay tells other processes that events were committed', async () => {
    const listener = new Redis(h.redisUrl);
    try {
      const notices: string[] = [];
      await listener.subscribe(eventNoticeChannel(h.queuePrefix));
      listener.on('message', (_channel, message) => notices.push(message));
      await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
      await h.drainEvents();
      for (let i = 0; i < 50 && notices.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(JSON.parse(notices[0]!)).toMatchObject({ seq: expect.any(Number), count: expect.any(Number) });
    } finally {
      listener.disconnect();
    }
  });
});
