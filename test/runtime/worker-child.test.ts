import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerChild } from '../../src/runtime/worker-child.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(check: () => Promise<boolean> | boolean, ms: number) {
  for (const until = Date.now() + ms; Date.now() < until; await sleep(100)) if (await check()) return true;
  return false;
}

/**
 * `npm start` runs the worker role (queues, relay) in a process of its own, so its batches never
 * stall the API's event loop: it relays what the API commits, comes back when it dies, and stops
 * (after its running jobs) when asked.
 */
describe('the worker child of npm start', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('relays from its own process, is restarted when it dies, and stops when closed', async () => {
    const worker = await startWorkerChild({
      databaseUrl: h.databaseUrl,
      redisUrl: h.redisUrl,
      logger: pino({ level: 'silent' }),
      env: { QUEUE_PREFIX: h.queuePrefix, LOG_LEVEL: 'warn' },
    });
    const first = worker.pid!;
    try {
      expect(first).toBeGreaterThan(0);
      expect(first).not.toBe(process.pid);
      // Its relay moves the cursors past what the API committed.
      await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201);
      const cursorsMoved = async () => (await h.container.db.pool.query(`SELECT count(*)::int AS n FROM event_cursors WHERE seq > 0`)).rows[0].n > 0;
      expect(await waitFor(cursorsMoved, 30_000)).toBe(true);

      process.kill(first, 'SIGKILL');
      expect(await waitFor(() => worker.pid !== undefined && worker.pid !== first && alive(worker.pid), 60_000)).toBe(true);
    } finally {
      const last = worker.pid!;
      await worker.close();
      expect(alive(last)).toBe(false);
    }
  }, 120_000);
});
