import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { queryExpression } from '../../../src/modules/search/search-tokens.ts';
import { createTicketRepository } from '../../../src/modules/tickets/tickets.repository.ts';
import { rebuildSearchVectors } from '../../../src/modules/search/search-rebuild.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function openTicket(overrides: Parameters<typeof inquiry>[0] = {}) {
  const res = await h.http.post('/v1/inquiries').set(h.auth).send(inquiry(overrides));
  expect(res.status).toBe(201);
  return res.body.ticket as { id: string };
}
const reply = (id: string, body: string) => h.http.post(`/v1/tickets/${id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'public', body }).expect(201);
type Item = { id: string; highlight?: string };
const search = async (query: string) => (await h.http.get(`/v1/tickets?${query}`).set(h.auth).expect(200)).body as { data: Item[]; nextCursor: string | null };
const ids = async (query: string) => (await search(query)).data.map((t) => t.id);

describe('GET /v1/tickets?q', () => {
  it('matches all terms within one message or the subject, not scattered over the conversation', async () => {
    const together = await openTicket({ body: '蓝莓果酱的瓶盖漏了' });
    const scattered = await openTicket({ body: '蓝莓果酱到了' });
    await reply(scattered.id, '请问瓶盖有什么问题');
    expect(await ids(`q=${encodeURIComponent('蓝莓 瓶盖')}`)).toEqual([together.id]);
    // Each message on its own still finds it.
    expect(await ids(`q=${encodeURIComponent('瓶盖 问题')}`)).toEqual([scattered.id]);
  });

  it('a reply adds its own vector and leaves the ticket\'s (the subject\'s) as it was', async () => {
    const ticket = await openTicket({ body: '猕猴桃 kiwifruit arrived bruised' });
    const vector = async () =>
      (await h.container.db.db.execute<{ search: string }>(sql`SELECT search::text FROM tickets WHERE id = ${ticket.id}`)).rows[0]!.search;
    const before = await vector();
    await reply(ticket.id, 'replacement persimmons shipped');
    expect(await vector()).toBe(before);
    const { rows } = await h.container.db.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE ticket_id = ${ticket.id} AND search @@ 'persimmons'::tsquery`,
    );
    expect(rows[0]!.n).toBe(1);
    expect(await ids('q=persimmons')).toEqual([ticket.id]);
  });

  it('highlights the match, HTML-escaped, from the best-matching message', async () => {
    const ticket = await openTicket({ body: 'hello there' });
    await reply(ticket.id, 'the <script> tag in your mangosteen order');
    const [item] = (await search('q=mangosteen')).data;
    expect(item!.id).toBe(ticket.id);
    expect(item!.highlight).toBe('the &lt;script&gt; tag in your <mark>mangosteen</mark> order');
    const plain = (await h.http.get(`/v1/tickets?limit=1`).set(h.auth).expect(200)).body.data[0];
    expect(plain.highlight).toBeUndefined();
  });

  it('sort=relevance puts the best match first and pages by rank; recent is newest first', async () => {
    const long = await openTicket({ body: `榴莲 ${'很多别的话'.repeat(40)}` });
    const short = await openTicket({ body: '榴莲' });
    const middle = await openTicket({ body: `榴莲 ${'别的话'.repeat(4)}` });
    const q = `q=${encodeURIComponent('榴莲')}`;
    expect(await ids(`${q}&sort=recent`)).toEqual([middle.id, short.id, long.id]);
    const first = await search(`${q}&sort=relevance&limit=2`);
    expect(first.data.map((t) => t.id)).toEqual([short.id, middle.id]);
    const second = await search(`${q}&sort=relevance&limit=2&cursor=${first.nextCursor}`);
    expect(second.data.map((t) => t.id)).toEqual([long.id]);
    expect(second.nextCursor).toBeNull();
  });

  it('finds the same tickets whichever way it looks for them (rare: the GIN indexes; common: probing each ticket)', async () => {
    const a = await openTicket({ body: '山竹 一箱 坏了' });
    const b = await openTicket({ body: '你好' });
    await reply(b.id, '山竹 已经补发');
    const c = await openTicket({ body: '山竹' });
    const repo = createTicketRepository(h.container.db.db);
    const query = queryExpression('山竹 补发')!;
    for (const common of [false, true]) {
      // A full page from the walk (common), or from the GIN indexes.
      expect((await repo.list({ search: { query: queryExpression('山竹')!, common } }, 2)).map((r) => r.id)).toEqual([c.id, b.id]);
      const rows = await repo.list({ search: { query, common } }, 10);
      expect(rows.map((r) => r.id)).toEqual([b.id]);
      const open = await repo.list({ search: { query: queryExpression('山竹')!, common }, status: ['new', 'open'] }, 10);
      expect(open.map((r) => r.id)).toContain(a.id);
    }
  });
});

describe('rebuildSearchVectors', () => {
  it('splits a ticket-wide vector from before per-message search into the subject\'s and each message\'s', async () => {
    const ticket = await openTicket({ body: '火龙果 到了' });
    await reply(ticket.id, '木瓜 补发');
    // As migration 0016 leaves an older ticket: one vector for everything, none per message.
    await h.container.db.db.execute(sql`UPDATE tickets SET search = array_to_tsvector('{火龙,龙果,木瓜,补发}') WHERE id = ${ticket.id}`);
    await h.container.db.db.execute(sql`UPDATE messages SET search = ''::tsvector WHERE ticket_id = ${ticket.id}`);
    expect(await ids(`q=${encodeURIComponent('火龙果 木瓜')}`)).toEqual([ticket.id]);
    await rebuildSearchVectors(h.container.db.db);
    expect(await ids(`q=${encodeURIComponent('火龙果 木瓜')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('木瓜 补发')}`)).toEqual([ticket.id]);
    expect(await ids(`q=${encodeURIComponent('火龙果')}`)).toEqual([ticket.id]);
  });
});
