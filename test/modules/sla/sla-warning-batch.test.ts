import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/**
 * Warnings fire set-based, like breaches: one warning timer warns every target whose warning is
 * due. One by one they fell behind under load (test:scale: p50 1.8 s late at 30 tickets/s), and a
 * target whose breach came first was never warned.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.http
    .post('/v1/sla-policies')
    .set(h.auth)
    .send({ name: 'Warn after a second', position: 0, targets: [{ metric: 'first_response', within: 'PT1H' }], warning: { leadTime: 'PT59M59S' } })
    .expect(201);
});
afterAll(async () => h.close());

const targets = (ids: string[]) =>
  h.container.db.pool.query<{ id: string; warned: boolean }>(`SELECT id, warned_at IS NOT NULL AS warned FROM sla_targets WHERE ticket_id = ANY($1) ORDER BY id`, [ids]);

describe('SLA warnings in a storm', () => {
  it('one warning timer warns every target due, each with one sla.warning event', async () => {
    const tickets = await Promise.all(Array.from({ length: 30 }, async () => (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body.ticket.id as string));
    await sleep(1_200); // every warning is due now; no worker runs
    const { rows } = await targets(tickets);
    const result = await h.container.sla.firing.fire(rows[0]!.id, 'warning');
    expect(result.outcome).toBe('fired');
    expect((await targets(tickets)).rows.every((t) => t.warned)).toBe(true);
    const events = await h.container.db.pool.query<{ target: string; n: number }>(
      `SELECT data->>'targetId' AS target, count(*)::int AS n FROM events WHERE type = 'sla.warning' AND ticket_id = ANY($1) GROUP BY 1`,
      [tickets],
    );
    expect(events.rows).toHaveLength(30);
    expect(events.rows.every((e) => e.n === 1)).toBe(true);
    // The other targets' own timers, when they go off, find nothing left to do.
    expect((await h.container.sla.firing.fire(rows[1]!.id, 'warning')).outcome).toBe('stale');
    // The event carries what the one-by-one path wrote.
    const { rows: data } = await h.container.db.pool.query<{ data: Record<string, unknown> }>(`SELECT data FROM events WHERE type = 'sla.warning' AND data->>'targetId' = $1`, [rows[1]!.id]);
    expect(Object.keys(data[0]!.data).sort()).toEqual(['cycle', 'dueAt', 'metric', 'policyId', 'targetId']);
  });
});
