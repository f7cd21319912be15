import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/**
 * End to end on real Redis and a real BullMQ worker: the one place where a test waits for a real
 * deadline, because "fires on time" is the behaviour under test.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: true });
  const res = await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'Fast lane', position: 0, conditions: { tags: [] }, targets: [{ metric: 'first_response', within: 'PT3S' }] });
  expect(res.status).toBe(201);
});
afterAll(() => h.close());

async function breachEvents(ticketId: string) {
  const res = await h.http.get(`/v1/tickets/${ticketId}/events`).set(h.auth);
  return res.body.data.filter((e: { type: string }) => e.type === 'sla.breached') as { createdAt: string; data: { dueAt: string } }[];
}

describe('a PT3S first-response target', () => {
  it('breaches within a second of its due time, exactly once', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
    const target = ticket.sla.find((t: { metric: string }) => t.metric === 'first_response');
    expect(target.status).toBe('active');
    const dueAt = new Date(target.dueAt).getTime();
    expect(dueAt - new Date(ticket.createdAt).getTime()).toBe(3000);

    let events: Awaited<ReturnType<typeof breachEvents>> = [];
    for (let i = 0; i < 60 && events.length === 0; i++) {
      await sleep(100);
      events = await breachEvents(ticket.id);
    }
    expect(events).toHaveLength(1);
    const lateness = new Date(events[0]!.createdAt).getTime() - dueAt;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);

    const after = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body;
    expect(after.sla.find((t: { metric: string }) => t.metric === 'first_response')).toMatchObject({ status: 'breached', breachedAt: target.dueAt, achievedAt: null });
    // the escalation of the default policy never ran here (our policy has none), but the breach stays single
    await sleep(500);
    expect(await breachEvents(ticket.id)).toHaveLength(1);
  });

  it('is achieved by a public reply before then, and never breaches', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: 'looking' }).expect(201);
    const reply = await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: '您好，马上处理' });
    const target = reply.body.ticket.sla.find((t: { metric: string }) => t.metric === 'first_response');
    expect(target.status).toBe('achieved');
    expect(target.achievedAt).not.toBeNull();
    await sleep(3500);
    expect(await breachEvents(ticket.id)).toHaveLength(0);
  });
});
