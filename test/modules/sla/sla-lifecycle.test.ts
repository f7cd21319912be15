import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { slaTargetsOf, sweeperFor } from '../../support/sweeper.ts';
import { timerJobId } from '../../../src/modules/sla/timer-intents.ts';

/** SLA rules with the clock in the test's hands: no waiting, the processor is called directly. */
const clock = createFixedClock('2026-03-02T09:00:00.000Z');
let h: Harness;
const MIN = 60_000;

beforeAll(async () => {
  h = await createHarness({ clock });
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({
      name: 'Test policy',
      position: 5,
      targets: [
        { metric: 'first_response', within: 'PT1H' },
        { metric: 'next_response', within: 'PT2H' },
        { metric: 'resolution', within: 'PT8H' },
      ],
      warning: { percent: 75 },
      escalations: { onWarning: [{ type: 'add_tag', tag: 'sla-warning' }], onBreach: [{ type: 'set_priority', priority: 'urgent' }] },
    })
    .expect(201);
});
afterAll(() => h.close());

const target = (ticket: { sla: { metric: string }[] }, metric: string) =>
  ticket.sla.find((t) => t.metric === metric) as unknown as { status: string; dueAt: string; warnAt: string | null; cycle: number; breachedAt: string | null; achievedAt: string | null };

async function open() {
  clock.set('2026-03-02T09:00:00.000Z');
  return (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
}

async function fireAll(ticketId: string, kind: 'warning' | 'breach') {
  const rows = await slaTargetsOf(h, ticketId);
  return Promise.all(rows.map((row) => h.container.sla.firing.fire(row.id, kind)));
}

describe('SLA targets', () => {
  it('pending pauses the clock and a customer reply resumes it with the deadline shifted by the pause', async () => {
    const ticket = await open();
    expect(target(ticket, 'first_response').dueAt).toBe('2026-03-02T10:00:00.000Z');
    clock.set('2026-03-02T09:10:00.000Z');
    const pending = (await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'pending' })).body;
    expect(target(pending, 'first_response').status).toBe('paused');
    expect(target(pending, 'resolution').status).toBe('paused');

    clock.set('2026-03-02T09:40:00.000Z'); // 30 minutes paused
    const resumed = (await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', body: '补充一下信息' })).body.ticket;
    expect(resumed.status).toBe('open');
    expect(target(resumed, 'first_response')).toMatchObject({ status: 'active', dueAt: '2026-03-02T10:30:00.000Z' });
    expect(target(resumed, 'resolution')).toMatchObject({ status: 'active', dueAt: '2026-03-02T17:30:00.000Z' });
  });

  it('a paused target cannot breach', async () => {
    const ticket = await open();
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'on_hold' }).expect(200);
    clock.set('2026-03-02T12:00:00.000Z');
    expect((await fireAll(ticket.id, 'breach')).map((r) => r.outcome)).toEqual(['stale', 'stale']);
  });

  it('warns once at 75 %, breaches once at the deadline, and escalates', async () => {
    const ticket = await open();
    expect(target(ticket, 'first_response').warnAt).toBe('2026-03-02T09:45:00.000Z');
    clock.set('2026-03-02T09:44:59.000Z');
    expect((await fireAll(ticket.id, 'warning')).every((r) => r.outcome === 'early')).toBe(true);
    clock.set('2026-03-02T09:45:00.000Z');
    await fireAll(ticket.id, 'warning');
    await fireAll(ticket.id, 'warning');
    clock.set('2026-03-02T10:00:01.000Z');
    await Promise.all([fireAll(ticket.id, 'breach'), fireAll(ticket.id, 'breach')]);

    const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string; data: Record<string, unknown> }[];
    expect(events.filter((e) => e.type === 'sla.warning')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
    const now = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body;
    expect(now.priority).toBe('urgent');
    expect(now.tags).toContain('sla-warning');
    expect(target(now, 'first_response')).toMatchObject({ status: 'breached', breachedAt: '2026-03-02T10:00:00.000Z' });
  });

  it('next_response runs from a customer message to the next public agent reply, and repeats', async () => {
    const ticket = await open();
    clock.set('2026-03-02T09:20:00.000Z');
    await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: 'Hello' }).expect(201);
    clock.set('2026-03-02T09:30:00.000Z');
    const asked = (await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', body: 'And?' })).body.ticket;
    expect(target(asked, 'next_response')).toMatchObject({ cycle: 1, status: 'active', dueAt: '2026-03-02T11:30:00.000Z' });
    clock.set('2026-03-02T09:50:00.000Z');
    const again = (await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', body: 'Hello??' })).body.ticket;
    expect(target(again, 'next_response')).toMatchObject({ cycle: 1, dueAt: '2026-03-02T11:30:00.000Z' }); // the oldest unanswered message counts
    clock.set('2026-03-02T10:00:00.000Z');
    const answered = (await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: 'Done' })).body.ticket;
    expect(target(answered, 'next_response')).toMatchObject({ cycle: 1, status: 'achieved' });
    clock.set('2026-03-02T10:05:00.000Z');
    const third = (await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'customer', body: 'One more' })).body.ticket;
    expect(target(third, 'next_response')).toMatchObject({ cycle: 2, status: 'active' });
  });

  it('solving achieves resolution; reopening runs it again with the solved time as a pause', async () => {
    const ticket = await open();
    clock.set('2026-03-02T10:00:00.000Z');
    const solved = (await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' })).body;
    expect(target(solved, 'resolution').status).toBe('achieved');
    clock.set('2026-03-02T12:00:00.000Z');
    const reopened = (await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'open' })).body;
    expect(target(reopened, 'resolution')).toMatchObject({ status: 'active', dueAt: '2026-03-02T19:00:00.000Z', achievedAt: null });
  });

  it('recomputes open targets when a change picks another policy', async () => {
    await h.http
      .post('/v1/sla-policies')
      .set(h.auth)
      .send({ name: 'VIP', position: 1, conditions: { tags: ['vip'] }, targets: [{ metric: 'first_response', within: 'PT15M' }] })
      .expect(201);
    const ticket = await open();
    clock.set('2026-03-02T09:05:00.000Z');
    const vip = (await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ tags: ['vip'] })).body;
    expect(target(vip, 'first_response')).toMatchObject({ status: 'active', dueAt: '2026-03-02T09:15:00.000Z' });
    expect(target(vip, 'resolution')).toBeUndefined();
  });

  it('a reply racing the breach timer never leaves a target both achieved and breached', async () => {
    const tickets = await Promise.all(Array.from({ length: 10 }, () => open()));
    clock.set('2026-03-02T10:00:00.000Z'); // exactly the first-response deadline
    await Promise.all(
      tickets.flatMap((ticket) => [
        fireAll(ticket.id, 'breach'),
        h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: 'racing' }),
      ]),
    );
    for (const ticket of tickets) {
      const rows = await slaTargetsOf(h, ticket.id);
      const first = rows.find((r) => r.metric === 'first_response')!;
      expect(first.status).toBe('breached'); // at the deadline, the promise is already broken
      expect(first.achievedAt).toBeNull();
      const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string }[];
      expect(events.filter((e) => e.type === 'sla.breached')).toHaveLength(1);
    }
  });
});

describe('timers beyond the horizon', () => {
  it('are not put in Redis at intake, and the sweeper arms them as their time approaches', async () => {
    const ticket = await open(); // first response due 10:00, an hour away: beyond the 10-minute horizon
    const [first] = (await slaTargetsOf(h, ticket.id)).filter((t) => t.metric === 'first_response');
    const jobId = timerJobId(first!.id, 'breach', first!.dueAt);
    const queue = h.container.sla.timers.queue;
    expect(await queue.getJob(jobId)).toBeUndefined();
    const sweeper = sweeperFor(h, { clock, recentMs: 0, overdueGraceMs: 5_000 });
    await sweeper.sweep();
    expect(await queue.getJob(jobId)).toBeUndefined();
    clock.set('2026-03-02T09:55:00.000Z');
    await sweeper.sweep();
    expect(await queue.getJob(jobId)).toBeDefined();
  });
});

describe('the queue by urgency', () => {
  it('lists tickets by their earliest running deadline and filters breached ones', async () => {
    clock.set('2026-03-03T09:00:00.000Z');
    const a = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
    clock.set('2026-03-03T08:00:00.000Z');
    const b = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
    const queue = (await h.http.get('/v1/tickets?sort=due&sla=active&limit=200').set(h.auth)).body.data.map((t: { id: string }) => t.id);
    expect(queue.indexOf(b.id)).toBeLessThan(queue.indexOf(a.id));
    const page1 = await h.http.get('/v1/tickets?sort=due&limit=1').set(h.auth);
    const page2 = await h.http.get(`/v1/tickets?sort=due&limit=1&cursor=${page1.body.nextCursor}`).set(h.auth);
    expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);
    const breached = (await h.http.get('/v1/tickets?sla=breached&limit=200').set(h.auth)).body.data;
    expect(breached.length).toBeGreaterThan(0);
    expect(breached.every((t: { sla: { status: string }[] }) => t.sla.some((s) => s.status === 'breached'))).toBe(true);
  });

  it('reports attainment and percentiles per metric and type', async () => {
    await h.drainEvents(); // reports answer from the facts the relay keeps
    const report = await h.http.get('/v1/reports/sla?from=2026-03-01T00:00:00Z&to=2026-03-04T00:00:00Z&groupBy=type').set(h.auth);
    expect(report.status).toBe(200);
    const first = report.body.rows.filter((r: { metric: string }) => r.metric === 'first_response');
    expect(first.length).toBeGreaterThan(0);
    const total = first.reduce((n: number, r: { breached: number }) => n + r.breached, 0);
    expect(total).toBeGreaterThan(0);
    expect(first.some((r: { p50: string | null }) => r.p50 !== null)).toBe(true);
  });
});
