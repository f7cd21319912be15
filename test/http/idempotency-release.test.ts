import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Found by the fault suite: a request that failed because the database went away could not
 * release its Idempotency-Key either (the delete failed too, inside onSend), so the answer came
 * out as Fastify's own JSON and every retry was refused 409 "in flight" for a minute. Here the
 * database "goes away" for the ticket insert and the key's release alike (triggers raising
 * admin_shutdown, which the service treats as the database restarting).
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.container.db.db.execute(sql`
    CREATE TABLE test_outage (on_ boolean NOT NULL);
    CREATE FUNCTION test_outage_raise() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM test_outage WHERE on_) THEN RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01'; END IF;
      RETURN COALESCE(NEW, OLD);
    END $$;
    CREATE TRIGGER test_outage_tickets BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION test_outage_raise();
    CREATE TRIGGER test_outage_keys BEFORE DELETE ON idempotency_keys FOR EACH ROW EXECUTE FUNCTION test_outage_raise();`);
});
afterAll(async () => {
  await h.container.db.db.execute(sql`
    DROP TRIGGER test_outage_tickets ON tickets; DROP TRIGGER test_outage_keys ON idempotency_keys;
    DROP FUNCTION test_outage_raise(); DROP TABLE test_outage;`);
  await h.close();
});

describe('an Idempotency-Key whose request failed while the database was away', () => {
  it('answers problem+json, and is released once the database is back, so the retry runs', async () => {
    const { body: customer } = await h.http.post('/v1/customers').set(h.auth).send({ name: '韩梅梅' }).expect(201);
    const key = `outage-${Date.now()}`;
    const post = () => h.http.post('/v1/tickets').set(h.auth).set('idempotency-key', key).send({ subject: '发票', body: '请开发票', customerId: customer.id });
    await h.container.db.db.execute(sql`INSERT INTO test_outage VALUES (true)`);

    const failed = await post();
    expect(failed.status).toBe(503);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Still away: the claim could not be released, and the retry, which this process knows to
    // take the claim over, cannot delete it either: the database is away, a 503 again (not a 409).
    const stillAway = await post();
    expect(stillAway.status).toBe(503);
    expect(stillAway.headers['retry-after']).toBeDefined();

    // Back: the very next retry runs, without waiting for the background release.
    await h.container.db.db.execute(sql`DELETE FROM test_outage`);
    const retried = await post();
    expect(retried.status).toBe(201);
    // And it is kept like any answer: the next retry is a replay.
    const replay = await post();
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(retried.body.id);
  });

  it('is refused 409 in_flight, with Retry-After, while a claim this process does not know is held', async () => {
    const { body: customer } = await h.http.post('/v1/customers').set(h.auth).send({ name: '李雷' }).expect(201);
    const key = `elsewhere-${Date.now()}`;
    const post = () => h.http.post('/v1/tickets').set(h.auth).set('idempotency-key', key).send({ subject: '退款', body: '请退款', customerId: customer.id });
    // Another API process answered 503 and could not release its claim: the claim stays until
    // that process's background delete lands. Shifting the claim's createdAt makes it one this
    // process never made; the delete by hand stands for the other process's release.
    await h.container.db.db.execute(sql`INSERT INTO test_outage VALUES (true)`);
    expect((await post()).status).toBe(503);
    await h.container.db.db.execute(sql`DELETE FROM test_outage`);
    await h.container.db.db.execute(sql`UPDATE idempotency_keys SET created_at = created_at - interval '1 millisecond' WHERE key = ${key}`);
    const held = await post();
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('idempotency.in_flight');
    expect(held.headers['retry-after']).toBe('1');
    await h.container.db.db.execute(sql`DELETE FROM idempotency_keys WHERE key = ${key}`);
    expect((await post()).status).toBe(201);
  });
});
