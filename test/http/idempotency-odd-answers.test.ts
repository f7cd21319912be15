import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Found by the OpenAPI fuzzer: an answer that echoes a lone surrogate (or any escape jsonb
 * refuses) could not be kept for its Idempotency-Key, and the failure came out as a 422 in
 * Fastify's own JSON with the SQL statement in its message.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const post = (key: string, customerId: string) =>
  h.http.post('/v1/tickets').set(h.auth).set('idempotency-key', key).set('content-type', 'application/json').send(JSON.stringify({ subject: 's', body: 'b', customerId }));

describe('Idempotency-Key with answers that echo odd characters', () => {
  it('answers problem+json, keeps the answer, and replays it byte for byte', async () => {
    const key = `odd-${Date.now()}`;
    const first = await post(key, 'cus_\udfff\u200f');
    expect(first.status).toBe(422);
    expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(first.text).not.toContain('Failed query');
    expect(first.body.errors).toEqual([{ path: 'body.customerId', message: 'does not exist' }]);

    const replay = await post(key, 'cus_\udfff\u200f');
    expect(replay.status).toBe(422);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.headers['content-type']).toBe(first.headers['content-type']);
    expect(replay.text).toBe(first.text);
  });

  it('still replays ordinary answers as they were sent', async () => {
    const { body: customer } = await h.http.post('/v1/customers').set(h.auth).send({ name: '李雷' }).expect(201);
    const key = `plain-${Date.now()}`;
    const first = await post(key, customer.id);
    expect(first.status).toBe(201);
    const replay = await post(key, customer.id);
    expect(replay.status).toBe(201);
    expect(replay.text).toBe(first.text);
    expect((await post(key, 'cus_other')).status).toBe(422);
  });
});
