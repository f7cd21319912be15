import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { startWorkerRole } from '../../../src/runtime/worker-role.ts';
import { CRISIS_QUEUE } from '../../../src/modules/alerts/alerts.queue.ts';
import { workerConnection } from '../../../src/shared/queues.ts';

/** Detection runs in the worker on a schedule (a BullMQ job scheduler), not only when a test calls it. */
let h: Harness;
let worker: Awaited<ReturnType<typeof startWorkerRole>> | undefined;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await worker?.close();
  await h.close();
});

describe('the crisis detection schedule', () => {
  it('runs at least every 30 seconds in the worker, which relays the messages and raises the alert itself', { timeout: 60_000 }, async () => {
    const now = Date.now();
    // Three customers in the last minutes, one watch-list term of weight 6: a level IV term alert, history or not.
    const ticketIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body: `我的充电宝昨晚爆炸了，差点着火 ${i}`, receivedAt: new Date(now - (i + 1) * 60_000).toISOString() })).expect(201);
      ticketIds.push(res.body.ticket.id);
    }
    // A message written straight into the database (an import) is indexed when the worker starts.
    await h.container.db.pool.query(
      `INSERT INTO messages (id, ticket_id, author, visibility, body, channel, received_at, created_at) VALUES ('msg_imported', $1, 'customer', 'public', '导入的历史消息：扫地机器人坏了', 'email', now(), now())`,
      [ticketIds[0]],
    );
    worker = await startWorkerRole(h.container, h.redisUrl);
    await worker.recovered;
    const imported = await h.container.db.pool.query(`SELECT topic FROM ticket_topics WHERE message_id = 'msg_imported'`);
    expect(imported.rows.map((r) => r.topic)).toContain('扫地机器人');

    const queue = new Queue(CRISIS_QUEUE, { connection: workerConnection(h.redisUrl), prefix: h.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(['crisis-detection']);
      expect(Number(schedulers[0]!.every)).toBeLessThanOrEqual(30_000);
    } finally {
      await queue.close();
    }

    let alerts: { kind: string; subject: string; level: string }[] = [];
    for (let waited = 0; alerts.length === 0 && waited < 40_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      alerts = (await h.http.get('/v1/alerts').set(h.auth).expect(200)).body.data;
    }
    expect(alerts).toEqual([expect.objectContaining({ kind: 'term', subject: '爆炸', level: 'IV' })]);
  });
});
