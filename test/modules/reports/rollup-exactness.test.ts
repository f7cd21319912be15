import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { rebuildAll } from '../../../src/modules/reports/facts.apply.ts';
import { REPORTS_SUBSCRIBER } from '../../../src/modules/reports/reports.subscriber.ts';

/**
 * The rollup is a function of the source tables: whatever the relay redelivers and however
 * writers interleave, what the subscriber kept equals a rebuild from scratch.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Row = Record<string, unknown>;
async function snapshot() {
  const db = h.container.db.db;
  const rows = async (query: ReturnType<typeof sql>) => ((await db.execute<Row>(query)).rows as Row[]).map((r) => JSON.stringify(r)).sort();
  return {
    facts: await rows(sql`SELECT * FROM report_facts`),
    spans: await rows(sql`SELECT * FROM report_spans`),
    // a histogram emptied by a difference is {} where a rebuild has none
    rollups: await rows(sql`
      SELECT grain, slot, kind, dim, value, outcome, detail, n, calendar_ms, business_ms, timed,
        nullif(calendar_hist, '{}'::jsonb) AS calendar_hist, nullif(business_hist, '{}'::jsonb) AS business_hist
      FROM report_rollups WHERE n <> 0 OR calendar_ms <> 0 OR business_ms <> 0 OR timed <> 0`),
  };
}

async function activity(rounds: number) {
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body.ticket.id);
  const steps = (id: string) => [
    () => h.http.post(`/v1/tickets/${id}/messages`).set(h.auth).send({ author: 'agent', body: '您好' }),
    () => h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'pending' }),
    () => h.http.post(`/v1/tickets/${id}/messages`).set(h.auth).send({ author: 'customer', body: '还是不行' }),
    () => h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ priority: 'urgent', type: 'question' }),
    () => h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'solved' }),
    () => h.http.post(`/v1/tickets/${id}/messages`).set(h.auth).send({ author: 'customer', body: '又坏了' }),
  ];
  for (let round = 0; round < rounds; round++) {
    // every ticket's steps at once, and the relay draining while they commit
    await Promise.all([...ids.flatMap((id) => steps(id).map((step) => step())), h.drainEvents(), h.drainEvents()]);
  }
  return ids;
}

describe('the reports rollup', () => {
  it('stays exactly right under concurrent writers and a relay draining between their commits', async () => {
    await activity(3);
    await h.drainEvents();
    const incremental = await snapshot();
    expect(incremental.facts.length).toBeGreaterThan(20);
    await rebuildAll(h.container.db.db);
    expect(await snapshot()).toEqual(incremental);
  });

  it('changes nothing when the relay delivers everything again', async () => {
    await activity(1);
    await h.drainEvents();
    const before = await snapshot();
    // As after a crash between handling and the cursor's commit, for every event ever written.
    await h.container.db.db.execute(sql`UPDATE event_cursors SET txid = '0'::xid8, seq = 0 WHERE subscriber = ${REPORTS_SUBSCRIBER}`);
    expect(await h.drainEvents()).toBeGreaterThan(0);
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back with the cursor: a batch that fails keeps nothing, and is handled again', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body;
    await h.drainEvents();
    const before = await snapshot();
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    // A trigger that breaks the rollups' write makes the subscriber's transaction fail.
    const db = h.container.db.db;
    await db.execute(sql`CREATE FUNCTION fail_reports() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
    await db.execute(sql`CREATE TRIGGER fail_reports BEFORE INSERT ON report_rollups FOR EACH ROW EXECUTE FUNCTION fail_reports()`);
    await expect(h.drainEvents()).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    await db.execute(sql`DROP TRIGGER fail_reports ON report_rollups`);
    await h.drainEvents();
    const after = await snapshot();
    expect(after).not.toEqual(before);
    await rebuildAll(db);
    expect(await snapshot()).toEqual(after);
  });
});
