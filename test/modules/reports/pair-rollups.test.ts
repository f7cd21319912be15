import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { PAIR_KEY_LIMIT } from '../../../src/modules/reports/dimensions.ts';

/**
 * A report that filters on one dimension and groups by another reads whole UTC months from the
 * pair rollups; with pairs unusable (a key past the packing limit) the same report reads the
 * facts. Both must answer the same.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const monthStart = (offset: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString();
};

describe('pair rollups', () => {
  it('answer crossing reports over whole months exactly as the facts do', async () => {
    const channels = ['wechat', 'email', 'weibo'] as const;
    const bodies = ['订单什么时候发货？', '你们的服务太差了，我要投诉！', '建议增加夜间客服'];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const body = inquiry({ channel: channels[i % 3], body: bodies[i % 3] });
      ids.push((await h.http.post('/v1/inquiries').set(h.auth).send(body).expect(201)).body.ticket.id);
    }
    for (const id of ids.slice(0, 8)) {
      await h.http.post(`/v1/tickets/${id}/messages`).set(h.auth).send({ author: 'agent', body: '您好，已处理' }).expect(201);
      await h.http.patch(`/v1/tickets/${id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    }
    await h.drainEvents();
    const db = h.container.db.db;
    const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_rollups WHERE dim > 6 AND n <> 0`);
    expect(rows[0]!.n).toBeGreaterThan(0);

    const window = `from=${monthStart(-1)}&to=${monthStart(1)}&bucket=month`;
    const paths = [
      `/v1/reports/volume?${window}&channel=wechat,email&groupBy=type`,
      `/v1/reports/agents?${window}&channel=wechat`,
      `/v1/reports/sla?${window}&channel=email&groupBy=type`,
      `/v1/reports/response-times?${window}&type=complaint,question&channel=wechat`,
      `/v1/reports/classification?${window}&channel=wechat`,
    ];
    const answers = async () => Promise.all(paths.map(async (path) => (await h.http.get(path).set(h.auth).expect(200)).body));
    const fromPairs = await answers();
    await db.execute(sql`INSERT INTO report_keys (id, ref) OVERRIDING SYSTEM VALUE VALUES (${PAIR_KEY_LIMIT}, 'test_past_the_packing_limit')`);
    try {
      expect(await answers()).toEqual(fromPairs);
    } finally {
      await db.execute(sql`DELETE FROM report_keys WHERE ref = 'test_past_the_packing_limit'`);
    }
  });
});
