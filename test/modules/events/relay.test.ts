import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { pino } from 'pino';
import { createHarness, type Harness } from '../../support/harness.ts';
import { createEventRelay, type RelayedEvent } from '../../../src/modules/events/events.relay.ts';
import { looksLikeId } from '../../../src/shared/ids.ts';

/** The relay delivers committed events once each, in order, even when transactions commit out of order. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

function relayCollecting(name: string) {
  const seen: RelayedEvent[] = [];
  const relay = createEventRelay({
    db: h.container.db.db,
    logger: pino({ level: 'silent' }),
    clock: h.container.clock,
    subscribers: [{ name, handle: async (events) => void seen.push(...events) }],
  });
  return { relay, seen };
}

async function client() {
  const c = new pg.Client({ connectionString: h.databaseUrl });
  await c.connect();
  return c;
}

const insertEvent = (c: pg.Client, marker: string) =>
  c.query<{ seq: string }>(
    `INSERT INTO events (id, type, ticket_id, actor_type, data, created_at) VALUES (new_id('evt'), 'ticket.updated', NULL, 'system', $1, now()) RETURNING seq`,
    [JSON.stringify({ changes: {}, cause: marker })],
  );

describe('the event relay', () => {
  it('does not skip the event of a transaction that took a lower seq and committed later', async () => {
    const { relay, seen } = relayCollecting('test-slow-commit');
    await relay.ensureCursors();
    const [slow, fast] = [await client(), await client()];
    try {
      await slow.query('BEGIN');
      const first = Number((await insertEvent(slow, 'slow')).rows[0]!.seq);
      await fast.query('BEGIN');
      const second = Number((await insertEvent(fast, 'fast')).rows[0]!.seq);
      await fast.query('COMMIT');
      expect(first).toBeLessThan(second);
      // A `seq > cursor` reader would deliver "fast" now and never see "slow".
      await relay.drain();
      expect(seen.map((e) => e.data.cause)).toEqual([]);
      await slow.query('COMMIT');
      await relay.drain();
      await relay.drain();
      expect(seen.map((e) => e.data.cause)).toEqual(['slow', 'fast']);
    } finally {
      await Promise.all([slow.end(), fast.end()]);
    }
  });

  it('delivers every event of concurrent transactions exactly once while they commit in random order', async () => {
    const { relay, seen } = relayCollecting('test-concurrent');
    await relay.ensureCursors();
    const clients = await Promise.all(Array.from({ length: 8 }, client));
    let writing = true;
    const relaying = (async () => {
      while (writing) {
        await relay.drain();
        await sleep(5);
      }
    })();
    const written: string[] = [];
    try {
      await Promise.all(
        clients.map(async (c, i) => {
          for (let round = 0; round < 15; round++) {
            await c.query('BEGIN');
            const marker = `c${i}-r${round}`;
            await insertEvent(c, marker);
            await insertEvent(c, `${marker}-b`);
            await sleep(Math.random() * 20);
            if (round % 7 === 3) {
              await c.query('ROLLBACK'); // rolled back: never delivered
            } else {
              await c.query('COMMIT');
              written.push(marker, `${marker}-b`);
            }
          }
        }),
      );
    } finally {
      writing = false;
      await relaying;
      await Promise.all(clients.map((c) => c.end()));
    }
    await relay.drain();
    const delivered = seen.map((e) => String(e.data.cause));
    expect(new Set(delivered).size).toBe(delivered.length); // no duplicates
    expect([...delivered].sort()).toEqual([...written].sort()); // nothing lost, nothing rolled back
    // One transaction's events arrive together and in their order.
    for (const marker of written.filter((m) => !m.endsWith('-b'))) expect(delivered.indexOf(`${marker}-b`)).toBe(delivered.indexOf(marker) + 1);
  });

  it('a new subscriber starts with what comes next, not with history', async () => {
    const writer = await client();
    try {
      await insertEvent(writer, 'before');
      const { relay, seen } = relayCollecting('test-late-subscriber');
      await relay.ensureCursors();
      await insertEvent(writer, 'after');
      await relay.drain();
      expect(seen.map((e) => e.data.cause)).toEqual(['after']);
    } finally {
      await writer.end();
    }
  });

  it('ids written by SQL have the shape of ids written by the service', async () => {
    const { rows } = await h.container.db.pool.query<{ id: string }>(`SELECT new_id('evt', '2026-12-01T00:00:00Z') AS id`);
    const id = rows[0]!.id;
    expect(looksLikeId('event', id)).toBe(true);
    expect(id).toHaveLength('evt_'.length + 9 + 16);
    expect(Number.parseInt(id.slice(4, 13), 32)).toBe(Date.parse('2026-12-01T00:00:00Z'));
  });
});
