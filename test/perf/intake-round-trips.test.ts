import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Every statement an intake sends to Postgres is a round trip (and, on a loaded machine, the
 * largest part of its cost). A message that opens a ticket takes one (`intake_open`); when the
 * service cannot decide it without the database (here: the rule and policy caches have expired)
 * it takes the general path, and both must store the same thing.
 */
describe('round trips per intake', () => {
  let h: Harness;
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  beforeAll(async () => {
    h = await createHarness();
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      seen.push(typeof config === 'string' ? config : config.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(async () => {
    pg.Client.prototype.query = original;
    await h?.close();
  });

  const post = (body: object) => h.http.post('/v1/inquiries').set(h.auth).send(body);
  const counted = async (body: object) => {
    seen.length = 0;
    const res = await post(body);
    return { res, statements: [...seen] };
  };
  const show = (statements: string[]) => {
    if (process.env.SHOW_STATEMENTS) process.stderr.write(`${statements.length} statements:\n${statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 200)}`).join('\n')}\n`);
  };

  /** What one intake stored, without what differs by nature (ids, number, times). */
  async function stored(ticketId: string) {
    const q = async (text: string) => (await h.container.db.pool.query(text, [ticketId])).rows;
    const [ticket] = await q(`SELECT subject, status, type, priority, channel, assignee_id, team_id, tags, classification, thread_id,
      search::text AS search, solved_at, closed_at, no_survey, version, created_at = updated_at AS same_times,
      (SELECT name FROM customers c WHERE c.id = customer_id) AS customer_name FROM tickets WHERE id = $1`);
    const messages = await q(`SELECT author, visibility, body, agent_id, customer_id = (SELECT customer_id FROM tickets WHERE id = $1) AS customers_match,
      channel, external_id IS NOT NULL AS has_external_id, received_at = created_at AS received_now FROM messages WHERE ticket_id = $1`);
    const events = await q(`SELECT type, actor_type, actor_id, txid = (SELECT min(txid) FROM events WHERE ticket_id = $1) AS one_transaction,
      data #>> '{ticket,number}' = (SELECT number::text FROM tickets WHERE id = $1) AS number_matches,
      data #>> '{ticket,customerId}' = (SELECT customer_id FROM tickets WHERE id = $1) AS ticket_customer_matches,
      data #>> '{message,customerId}' = (SELECT customer_id FROM tickets WHERE id = $1) AS message_customer_matches,
      jsonb_object_keys_list(data) AS keys FROM events WHERE ticket_id = $1 ORDER BY seq`.replace('jsonb_object_keys_list(data)', `(SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(data) k)`));
    const targets = await q(`SELECT metric, cycle, status, within_ms, warn_offset_ms, business_hours, paused_ms, due_at - started_at AS span,
      warn_at IS NOT NULL AS warns FROM sla_targets WHERE ticket_id = $1 ORDER BY metric`);
    const due = await q(`SELECT next_due_at = (SELECT min(due_at) FROM sla_targets WHERE ticket_id = $1) AS earliest FROM ticket_sla_due WHERE ticket_id = $1`);
    const identities = await q(`SELECT kind, channel FROM customer_identities WHERE customer_id = (SELECT customer_id FROM tickets WHERE id = $1) ORDER BY kind`);
    return { ticket, messages, events, targets, due, identities };
  }

  it('opens a ticket in one statement, storing what the general path stores', async () => {
    await post({ channel: 'weibo', externalId: 'warm', customer: { externalId: 'warm' }, body: '预热' });
    const body = (n: number) => ({
      channel: 'weibo',
      externalId: `m${n}`,
      customer: { externalId: `u${n}`, handle: '@Xiaowang', email: `w${n}@example.com`, name: 'Wang' },
      body: '我的订单三天了还没发货，投诉！',
    });
    const fast = await counted(body(1));
    show(fast.statements);
    expect(fast.res.status).toBe(201);
    expect(fast.statements).toEqual(['SELECT intake_open($1::jsonb) AS r']);

    await sleep(2_100); // the routing rules' and SLA policies' caches expire: the next intake reads them, then opens in one call
    const stale = await counted(body(3));
    show(stale.statements);
    expect(stale.res.status).toBe(201);
    expect(stale.statements).toHaveLength(3);
    expect(stale.statements.at(-1)).toBe('SELECT intake_open($1::jsonb) AS r');
    expect(stale.statements.slice(0, 2).join(' ')).toMatch(/routing_rules.*sla_policies|sla_policies.*routing_rules/s);

    // A rule about repeat contact reads the customer's history: the general path decides (it matches nothing here)
    const rule = await h.http
      .post('/v1/routing-rules')
      .set(h.auth)
      .send({ name: 'Frequent callers', position: 1, conditions: { repeatContact: { minTickets: 1000, withinDays: 1 } }, actions: [{ type: 'add_tags', tags: ['frequent'] }] })
      .expect(201);
    const general = await counted(body(2));
    show(general.statements);
    expect(general.res.status).toBe(201);
    expect(general.statements.length).toBeGreaterThan(5);
    await h.http.delete(`/v1/routing-rules/${rule.body.id}`).set(h.auth).expect(204);

    const a = await stored(fast.res.body.ticket.id);
    const b = await stored(general.res.body.ticket.id);
    expect(a).toEqual(b);
    expect(a.events.map((e) => e.type)).toEqual(['ticket.created', 'message.created', 'ticket.classified']);
    expect(a.targets.length).toBeGreaterThan(0);
    // the answer is the same shape and shows the stored ticket
    const strip = (r: { ticket: Record<string, unknown>; message: Record<string, unknown> }) => ({
      ...r,
      ticket: { ...r.ticket, id: 0, number: 0, customerId: 0, createdAt: 0, updatedAt: 0, sla: (r.ticket.sla as { dueAt: string }[]).length },
      message: { ...r.message, id: 0, ticketId: 0, customerId: 0, externalId: 0, createdAt: 0, receivedAt: 0 },
    });
    expect(strip(fast.res.body)).toEqual(strip(general.res.body));
    const read = await h.http.get(`/v1/tickets/${fast.res.body.ticket.id}`).set(h.auth);
    expect(read.body.number).toBe(fast.res.body.ticket.number);
    expect(read.body.customerId).toBe(fast.res.body.ticket.customerId);
  });

  it('a redelivery and a follow-up in the thread write nothing in the one call and take the general path', async () => {
    const first = { channel: 'wechat', externalId: 'r1', threadId: 't1', customer: { externalId: 'ur' }, body: 'hello' };
    expect((await post(first)).status).toBe(201);
    const again = await counted(first);
    expect(again.res.body.outcome).toBe('duplicate');
    expect(again.statements[0]).toBe('SELECT intake_open($1::jsonb) AS r');
    const followUp = await counted({ ...first, externalId: 'r2', body: 'still there?' });
    expect(followUp.res.body.outcome).toBe('joined');
    const tickets = await h.container.db.pool.query(`SELECT count(*)::int AS n FROM tickets WHERE thread_id = 't1'`);
    expect(tickets.rows[0].n).toBe(1);
  });
});
