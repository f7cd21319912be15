import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/** POST /v1/tickets/bulk: one job, each ticket its own change and event; a bad ticket fails alone. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ worker: true });
});
afterAll(() => h.close());

async function until(id: string, status: string) {
  for (let i = 0; i < 100; i++) {
    const job = (await h.http.get(`/v1/bulk-jobs/${id}`).set(h.auth).expect(200)).body;
    if (job.status === status) return job;
    await sleep(50);
  }
  throw new Error(`bulk job ${id} never became ${status}`);
}

describe('bulk ticket changes', () => {
  it('changes every ticket it can, reports the others with their problem, one event per ticket', async () => {
    const open = await Promise.all([1, 2].map(async () => (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body.ticket));
    const closed = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body.ticket;
    await h.http.patch(`/v1/tickets/${closed.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.http.patch(`/v1/tickets/${closed.id}`).set(h.auth).send({ status: 'closed' }).expect(200);
    const ids = [open[0].id, 'tkt_missing', closed.id, open[1].id];

    const accepted = await h.http.post('/v1/tickets/bulk').set(h.auth).send({ ticketIds: ids, changes: { status: 'pending', priority: 'high', tags: ['bulk'] } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/v1/bulk-jobs/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: 'queued', total: 4, done: 0 });

    const job = await until(accepted.body.id, 'done');
    expect(job).toMatchObject({ total: 4, done: 4, failed: 2 });
    expect(job.results.map((r: { ticketId: string; outcome: string }) => `${r.ticketId}:${r.outcome}`)).toEqual([
      `${open[0].id}:updated`,
      'tkt_missing:failed',
      `${closed.id}:failed`, // closed is final
      `${open[1].id}:updated`,
    ]);
    expect(job.results[1].problem).toMatchObject({ status: 404, code: 'tickets.not_found' });
    expect(job.results[2].problem.status).toBeGreaterThanOrEqual(400);
    for (const ticket of open) {
      expect((await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body).toMatchObject({ status: 'pending', priority: 'high', tags: ['bulk'] });
      const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string; data: { changes: Record<string, unknown> } }[];
      expect(events.filter((e) => e.type === 'ticket.updated' && 'priority' in e.data.changes)).toHaveLength(1);
    }
  });

  it('refuses an empty change, more than 100 tickets, and a field bulk does not change', async () => {
    expect((await h.http.post('/v1/tickets/bulk').set(h.auth).send({ ticketIds: ['tkt_a'], changes: {} })).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `tkt_${i}`);
    const tooMany = await h.http.post('/v1/tickets/bulk').set(h.auth).send({ ticketIds: many, changes: { priority: 'low' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe('body.ticketIds');
    expect((await h.http.post('/v1/tickets/bulk').set(h.auth).send({ ticketIds: ['tkt_a'], changes: { subject: 'x' } })).status).toBe(400);
    expect((await h.http.get('/v1/bulk-jobs/blk_nope').set(h.auth)).status).toBe(404);
  });
});
