import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { anonymiseClosedTickets, RETENTION_QUEUE } from '../../../src/modules/privacy/retention.ts';
import { parseEnv } from '../../../src/config/env.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ retention: { closedDays: 30 } });
});
afterAll(() => h.close());

const DAY = 24 * 60 * 60 * 1000;

async function closedTicket(body: string, closedDaysAgo: number | null) {
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body })).expect(201)).body;
  if (closedDaysAgo !== null) {
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'closed' }).expect(200);
    await h.container.db.db.execute(sql`UPDATE tickets SET closed_at = now() - make_interval(days => ${closedDaysAgo}) WHERE id = ${ticket.id}`);
  }
  return ticket.id as string;
}

const bodyOf = async (ticketId: string) =>
  ((await h.container.db.db.execute(sql`SELECT body FROM messages WHERE ticket_id = ${ticketId}`)).rows as { body: string }[]).map((r) => r.body);

describe('retention of closed tickets', () => {
  it('anonymises tickets closed longer ago than the period, in batches, once, and nothing else', async () => {
    const old = await Promise.all([closedTicket('旧的投诉 一', 45), closedTicket('旧的投诉 二', 31), closedTicket('旧的投诉 三', 400)]);
    const recent = await closedTicket('最近关闭的', 29);
    const open = await closedTicket('还开着的', null);

    const result = await anonymiseClosedTickets(h.container.db.db, { closedDays: 30, batchSize: 2 }, new Date());
    expect(result).toEqual({ tickets: 3, batches: 2 });
    for (const id of old) {
      expect(await bodyOf(id)).toEqual(['[erased]']);
      expect((await h.http.get(`/v1/tickets/${id}`).set(h.auth)).body).toMatchObject({ subject: '[erased]', status: 'closed' });
    }
    expect(await bodyOf(recent)).toEqual(['最近关闭的']);
    expect(await bodyOf(open)).toEqual(['还开着的']);
    expect((await h.http.get('/v1/tickets?q=旧的投诉').set(h.auth)).body.data).toEqual([]);
    // Done ones leave the candidates: a second run finds nothing.
    expect(await anonymiseClosedTickets(h.container.db.db, { closedDays: 30 }, new Date())).toEqual({ tickets: 0, batches: 0 });
  });

  it('runs in the worker as an hourly job only when a period is set (RETENTION_CLOSED_DAYS, off by default)', async () => {
    const queues = (container: Harness['container']) => container.modules.flatMap((m) => m.queues ?? []);
    const retention = queues(h.container).find((q) => q.name === RETENTION_QUEUE);
    expect(retention?.schedules).toEqual([expect.objectContaining({ every: 60 * 60 * 1000 })]);
    const old = await closedTicket('worker 的旧投诉', 60);
    await retention!.handle({ task: 'anonymise-closed-tickets' }, { jobId: 'test', log: h.container.logger });
    expect(await bodyOf(old)).toEqual(['[erased]']);

    const without = await createHarness();
    try {
      expect(queues(without.container).map((q) => q.name)).not.toContain(RETENTION_QUEUE);
    } finally {
      await without.close();
    }
    expect(parseEnv({}).RETENTION_CLOSED_DAYS).toBeUndefined();
    expect(parseEnv({ RETENTION_CLOSED_DAYS: '365' }).RETENTION_CLOSED_DAYS).toBe(365);
    expect(() => parseEnv({ RETENTION_CLOSED_DAYS: '0' })).toThrow(/RETENTION_CLOSED_DAYS/);
  });
});
