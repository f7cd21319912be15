import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { slaTargetsOf } from '../../support/sweeper.ts';

/**
 * A target the timer breached is still owed: the reply or solve that finally comes records when
 * (response-time and resolution reports count late answers too), and until then the ticket keeps
 * its place at the top of the queue by urgency.
 */
const clock = createFixedClock('2026-04-06T09:00:00.000Z');
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ clock });
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'Late answers', position: 5, targets: [{ metric: 'first_response', within: 'PT1H' }, { metric: 'resolution', within: 'PT2H' }] })
    .expect(201);
});
afterAll(() => h.close());

async function breachedTicket() {
  clock.set('2026-04-06T09:00:00.000Z');
  const ticket = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
  clock.set('2026-04-06T11:30:00.000Z'); // both deadlines behind us
  for (const row of await slaTargetsOf(h, ticket.id)) await h.container.sla.firing.fire(row.id, 'breach');
  const rows = await slaTargetsOf(h, ticket.id);
  expect(rows.map((r) => r.status)).toEqual(['breached', 'breached']);
  return ticket as { id: string };
}

const queue = async () => (await h.http.get('/v1/tickets?sort=due&limit=200').set(h.auth).expect(200)).body.data.map((t: { id: string }) => t.id) as string[];

describe('a breached target, answered late', () => {
  it('stays in the queue by urgency, ahead of tickets still on time, until it is answered and solved', async () => {
    const late = await breachedTicket();
    const onTime = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body.ticket;
    const before = await queue();
    expect(before).toContain(late.id);
    expect(before.indexOf(late.id)).toBeLessThan(before.indexOf(onTime.id));

    clock.set('2026-04-06T11:40:00.000Z');
    await h.http.post(`/v1/tickets/${late.id}/messages`).set(h.auth).send({ author: 'agent', body: '抱歉久等了' }).expect(201);
    const first = (await slaTargetsOf(h, late.id)).find((r) => r.metric === 'first_response')!;
    expect(first.status).toBe('breached');
    expect(first.completedAt?.toISOString()).toBe('2026-04-06T11:40:00.000Z');
    expect(first.elapsedMs).toBe(160 * 60_000);
    expect(await queue()).toContain(late.id); // the resolution is still owed

    clock.set('2026-04-06T12:00:00.000Z');
    await h.http.patch(`/v1/tickets/${late.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    const resolution = (await slaTargetsOf(h, late.id)).find((r) => r.metric === 'resolution')!;
    expect(resolution).toMatchObject({ status: 'breached' });
    expect(resolution.completedAt?.toISOString()).toBe('2026-04-06T12:00:00.000Z');
    expect(await queue()).not.toContain(late.id);
  });

  it('counts in the response-time report', async () => {
    const late = await breachedTicket();
    clock.set('2026-04-06T12:30:00.000Z');
    await h.http.post(`/v1/tickets/${late.id}/messages`).set(h.auth).send({ author: 'agent', body: 'Sorry for the wait' }).expect(201);
    await h.drainEvents();
    const report = await h.http
      .get('/v1/reports/response-times?from=2026-04-06T00:00:00Z&to=2026-04-07T00:00:00Z&timeZone=UTC&bucket=day')
      .set(h.auth)
      .expect(200);
    // Both late answers of this file count: the one at 2 h 40 min and this one at 3 h 30 min.
    const first = (report.body.metrics as { metric: string; breached: number; calendar: { count: number; p99: string | null } }[]).find((m) => m.metric === 'first_response')!;
    expect(first.breached).toBe(2);
    expect(first.calendar.count).toBe(2);
    expect(first.calendar.p99).toMatch(/^PT3H/);
  });

  it('migration 0018 mends rows written before: late answers recorded, owed tickets back in the queue', async () => {
    const answered = await breachedTicket();
    clock.set('2026-04-06T11:50:00.000Z');
    await h.http.post(`/v1/tickets/${answered.id}/messages`).set(h.auth).send({ author: 'agent', body: 'Late, sorry' }).expect(201);
    const waiting = await breachedTicket();
    // What the old code left: no completed_at on the late answer, and no place in the queue.
    const db = h.container.db.db;
    await db.execute(sql`UPDATE sla_targets SET completed_at = NULL, elapsed_ms = NULL WHERE ticket_id IN (${answered.id}, ${waiting.id}) AND status = 'breached'`);
    await db.execute(sql`DELETE FROM ticket_sla_due WHERE ticket_id IN (${answered.id}, ${waiting.id})`);
    expect(await queue()).not.toContain(waiting.id);

    const migration = await readFile(new URL('../../../migrations/0018_late_answers_stay_owed.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await db.execute(sql.raw(statement));

    const first = (await slaTargetsOf(h, answered.id)).find((r) => r.metric === 'first_response')!;
    expect(first.completedAt?.toISOString()).toBe('2026-04-06T11:50:00.000Z');
    expect(first.elapsedMs).toBe(170 * 60_000);
    expect((await slaTargetsOf(h, waiting.id)).every((r) => r.completedAt === null)).toBe(true);
    const after = await queue();
    expect(after).toContain(waiting.id);
    expect(after).toContain(answered.id); // its resolution is still owed
  });
});
