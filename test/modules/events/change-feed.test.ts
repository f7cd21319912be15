import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';

/** GET /v1/events: every committed event exactly once to a reader that follows nextCursor. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

type Page = { data: { id: string; type: string; ticketId: string | null; data: Record<string, unknown> }[]; nextCursor: string };
const page = async (query: string) => (await h.http.get(`/v1/events?${query}`).set(h.auth).expect(200)).body as Page;

describe('the change feed', () => {
  it('yields every event exactly once while 1,000 transactions commit concurrently and out of order', async () => {
    const start = (await page('limit=500')).nextCursor; // the feed as it stands: read on from here
    const writers = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const c = new pg.Client({ connectionString: h.databaseUrl });
        await c.connect();
        return c;
      }),
    );
    const committed: string[] = [];
    const seen: string[] = [];
    let writing = true;
    let cursor = start;
    const reader = (async () => {
      while (writing) {
        const p = await page(`limit=50&types=ticket.updated&cursor=${cursor}`);
        seen.push(...p.data.map((e) => String(e.data.cause)));
        cursor = p.nextCursor;
        if (p.data.length === 0) await sleep(5);
      }
    })();
    try {
      await Promise.all(
        writers.map(async (c, w) => {
          for (let i = 0; i < 100; i++) {
            const marker = `w${w}-${i}`;
            await c.query('BEGIN');
            await c.query(
              `INSERT INTO events (id, type, ticket_id, actor_type, data, created_at) VALUES (new_id('evt'), 'ticket.updated', NULL, 'system', $1, now())`,
              [JSON.stringify({ changes: {}, cause: marker })],
            );
            if (i % 9 === 0) await sleep(Math.random() * 15); // some transactions hold their seq a while
            if (i % 25 === 24) {
              await c.query('ROLLBACK');
            } else {
              await c.query('COMMIT');
              committed.push(marker);
            }
          }
        }),
      );
    } finally {
      writing = false;
      await reader;
      await Promise.all(writers.map((c) => c.end()));
    }
    for (let p = await page(`limit=500&types=ticket.updated&cursor=${cursor}`); p.data.length; p = await page(`limit=500&types=ticket.updated&cursor=${cursor}`)) {
      seen.push(...p.data.map((e) => String(e.data.cause)));
      cursor = p.nextCursor;
    }
    expect(committed).toHaveLength(960);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...committed].sort());
  });

  it('filters by type and ticket, and refuses a cursor it did not issue', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body;
    const mine = await page(`ticketId=${ticket.id}`);
    expect(mine.data.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket.created', 'message.created']));
    expect(mine.data.every((e) => e.ticketId === ticket.id)).toBe(true);
    const created = await page(`ticketId=${ticket.id}&types=ticket.created`);
    expect(created.data.map((e) => e.type)).toEqual(['ticket.created']);
    const bad = await h.http.get('/v1/events?cursor=bm90LW91cnM').set(h.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.cursor');
    expect((await h.http.get('/v1/events?types=ticket.exploded').set(h.auth)).status).toBe(400);
  });
});
