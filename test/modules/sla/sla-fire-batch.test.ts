import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { createTicketUnitOfWork } from '../../../src/modules/tickets/ticket-writes.ts';
import { createSlaEngine } from '../../../src/modules/sla/sla-engine.ts';
import { createCalendarCache, createPolicyCache } from '../../../src/modules/sla/sources.ts';
import { createRecentlyBreached, createSlaFiring } from '../../../src/modules/sla/sla-fire.ts';
import { systemClock } from '../../../src/shared/clock.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('createRecentlyBreached', () => {
  it('remembers ids for one to two generations, rotated by size', () => {
    const recent = createRecentlyBreached({ maxSize: 2 });
    recent.add(['a', 'b']);
    expect(recent.has('a')).toBe(true); // rotated: a and b are the previous generation now
    recent.add(['c', 'd']);
    expect(recent.has('c')).toBe(true); // rotated again: a and b are gone
    expect(recent.has('a')).toBe(false);
    expect(recent.has('x')).toBe(false);
  });
});

describe('a storm of breach timers', () => {
  it('the timers of targets a sibling batch breached ask Postgres nothing, and each target is breached once', async () => {
    const db = h.container.db.db;
    await db.execute(sql`INSERT INTO customers (id, name, created_at, updated_at) VALUES ('cus_storm', 'storm', now(), now())`);
    await db.execute(sql`INSERT INTO tickets (id, subject, status, priority, channel, customer_id, created_at, updated_at)
      SELECT 'tkt_storm' || i, 'storm', 'open', 'normal', 'web', 'cus_storm', now(), now() FROM generate_series(1, 5) i`);
    await db.execute(sql`INSERT INTO sla_targets (id, ticket_id, metric, cycle, status, started_at, within_ms, business_hours, due_at, created_at, updated_at)
      SELECT 'sla_storm' || i, 'tkt_storm' || i, 'first_response', 1, 'active', now(), 1000, false, now() - interval '1 second', now(), now()
      FROM generate_series(1, 5) i`);
    const uow = createTicketUnitOfWork(db);
    let batches = 0;
    const counted = {
      ...uow,
      read: { ...uow.read, sla: { ...uow.read.sla, breachDueBatch: (...args: Parameters<typeof uow.read.sla.breachDueBatch>) => (batches++, uow.read.sla.breachDueBatch(...args)) } },
    };
    const firing = createSlaFiring({ uow: counted, engine: createSlaEngine({ policies: createPolicyCache(), calendars: createCalendarCache() }), clock: systemClock });
    expect((await firing.fire('sla_storm1', 'breach')).outcome).toBe('fired');
    for (let i = 2; i <= 5; i++) expect((await firing.fire(`sla_storm${i}`, 'breach')).outcome).toBe('stale');
    expect(batches).toBe(1);
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM events WHERE type = 'sla.breached' AND ticket_id LIKE 'tkt_storm%'`);
    expect(rows[0]!.n).toBe(5);
  });
});
