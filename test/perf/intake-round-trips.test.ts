import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * Every statement an intake sends to Postgres is a round trip (and, on a loaded machine, the
 * largest part of its cost). This counts them per outcome so that a change that adds one shows.
 */
describe('round trips per intake', () => {
  let h: Harness;
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  beforeAll(async () => {
    h = await createHarness();
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string; name?: string };
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
    const statements = [...seen];
    return { res, statements };
  };

  it('a new customer opening a ticket', async () => {
    await post({ channel: 'weibo', externalId: 'warm', customer: { externalId: 'warm' }, body: '预热' });
    const { res, statements } = await counted({ channel: 'weibo', externalId: 'm1', customer: { externalId: 'u1', name: 'A' }, body: '我的订单三天了还没发货' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    if (process.env.SHOW_STATEMENTS) process.stderr.write(`${statements.length} statements:\n${statements.map((s) => `  ${s.replace(/\s+/g, ' ').slice(0, 220)}`).join('\n')}\n`);
    expect(statements.length).toBeLessThanOrEqual(100);
  });
});
