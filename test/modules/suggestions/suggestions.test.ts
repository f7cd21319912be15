import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { rebuildAnswerIndex } from '../../../src/modules/suggestions/answer-rebuild.ts';

/**
 * Suggested answers: solved tickets of the same type about the same subject come first, in Chinese
 * and in English, with their public replies; macros that fit are offered; use is recorded.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const uniqueUser = () => ({ externalId: `u-${randomBytes(5).toString('hex')}`, name: '客户' });

/** A ticket solved with public replies (and an internal note that must never be suggested). */
async function solved(body: string, replies: string[], type = 'question') {
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, customer: uniqueUser() })).expect(201)).body;
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type }).expect(200);
  await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', visibility: 'internal', body: '内部备注：客户很着急' }).expect(201);
  for (const reply of replies) await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: reply }).expect(201);
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
  return ticket as { id: string; number: number };
}

async function question(body: string, type = 'question') {
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, customer: uniqueUser() })).expect(201)).body;
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type }).expect(200);
  return ticket as { id: string };
}

type Suggestion = { id: string; kind: string; rank: number; answer?: { ticketId: string; replies: string[]; similarTickets: number }; macro?: { id: string; reply: string } };
const suggestionsFor = async (id: string) => (await h.http.get(`/v1/tickets/${id}/suggestions`).set(h.auth).expect(200)).body as { data: Suggestion[]; terms: string[] };

let pairing: { id: string };
let warranty: { id: string };
let pairingEn: { id: string };
beforeAll(async () => {
  pairing = await solved('请问蓝牙耳机 B5 怎么连接手机？', ['您好，打开 App，长按电源键 3 秒进入配对模式即可连接']);
  await solved('请问蓝牙耳机 B5 怎么连接手机？', ['长按电源键 3 秒配对']); // the same question again: one answer, two tickets
  warranty = await solved('蓝牙耳机 B5 的保修期是多久？', ['整机保修一年']);
  await solved('智能手表 W2 的表带怎么更换？', ['按住表带背面的卡扣向外推即可']);
  await solved('蓝牙耳机 B5 用了三天就坏了，怎么连接都没反应', ['非常抱歉，已为您安排换新'], 'complaint');
  pairingEn = await solved('How do I pair the earbuds B5 with my phone?', ['Hold the power button for 3 seconds, then tap "Add device" in the app']);
  await solved('What is the warranty on the earbuds B5?', ['One year on the whole unit']);
  await h.drainEvents();
});

describe('suggested answers', () => {
  it('offers the solved ticket about the same subject first (Chinese, traditional too), with its public replies only', async () => {
    const ticket = await question('蓝牙耳机B5连不上手机，要怎么连接？');
    const { data } = await suggestionsFor(ticket.id);
    expect(data[0]).toMatchObject({ kind: 'answer', rank: 1 });
    expect(data[0]!.answer!.similarTickets).toBe(2);
    expect(data[0]!.answer!.replies.join(' ')).toContain('配对');
    expect(data.flatMap((s) => s.answer?.replies ?? []).join(' ')).not.toContain('内部备注');
    // Same type only: the complaint that mentions 连接 is not offered for a question.
    expect(data.every((s) => s.kind !== 'answer' || s.answer!.ticketId !== warranty.id || s.rank > 1)).toBe(true);

    const traditional = await question('請問藍牙耳機 B5 怎麼連接手機？');
    expect((await suggestionsFor(traditional.id)).data[0]!.answer!.replies.join(' ')).toContain('配对');
  });

  it('works in English', async () => {
    const ticket = await question('My B5 earbuds will not pair with my phone');
    const { data } = await suggestionsFor(ticket.id);
    expect(data[0]!.answer!.ticketId).toBe(pairingEn.id);
    expect(data[0]!.answer!.replies[0]).toContain('power button');
  });

  it('offers macros that fit, rendered for the ticket, and records what was shown and used', async () => {
    const macro = (await h.http.post('/v1/macros').set(h.auth).send({ name: '蓝牙耳机连接手机', ticketTypes: ['question'], reply: { 'zh-Hans': '您好 {{customer.name}}，蓝牙耳机连接手机请长按电源键 3 秒' } }).expect(201)).body;
    const unrelated = (await h.http.post('/v1/macros').set(h.auth).send({ name: '发票开具', reply: { 'zh-Hans': '电子发票请在订单页申请' } }).expect(201)).body;
    const ticket = await question('请问蓝牙耳机怎么连接手机？');
    const { data } = await suggestionsFor(ticket.id);
    const offered = data.find((s) => s.kind === 'macro');
    expect(offered?.macro).toMatchObject({ id: macro.id, reply: '您好 客户，蓝牙耳机连接手机请长按电源键 3 秒' });
    expect(data.some((s) => s.id === unrelated.id)).toBe(false);

    const answer = data.find((s) => s.kind === 'answer')!;
    const used = await h.http.post(`/v1/tickets/${ticket.id}/suggestions/${answer.id}/used`).set(h.auth).send();
    expect(used.status, used.text).toBe(200);
    expect(used.body).toMatchObject({ ticketId: ticket.id, id: answer.id, kind: 'answer', rank: answer.rank });
    // A repeat keeps the first use; something never shown is a 404.
    expect((await h.http.post(`/v1/tickets/${ticket.id}/suggestions/${answer.id}/used`).set(h.auth).send()).body.usedAt).toBe(used.body.usedAt);
    expect((await h.http.post(`/v1/tickets/${ticket.id}/suggestions/${unrelated.id}/used`).set(h.auth).send()).status).toBe(404);
    // Applying the suggested macro is using it.
    await h.http.post(`/v1/tickets/${ticket.id}/macros/${macro.id}/apply`).set(h.auth).send().expect(200);

    const report = (await h.http.get('/v1/reports/suggestions').set(h.auth).expect(200)).body;
    expect(report.total.used).toBe(2);
    expect(report.total.shown).toBeGreaterThanOrEqual(data.length);
    expect(report.byKind.find((k: { kind: string }) => k.kind === 'macro')).toMatchObject({ used: 1 });
  });

  it('a rebuild from the tickets finds what the relay built', async () => {
    const ticket = await question('请问蓝牙耳机 B5 怎么连接手机？');
    const before = (await suggestionsFor(ticket.id)).data.filter((s) => s.kind === 'answer');
    const built = await rebuildAnswerIndex(h.container.db.db);
    expect(built.tickets).toBeGreaterThanOrEqual(7);
    const after = (await suggestionsFor(ticket.id)).data.filter((s) => s.kind === 'answer');
    expect(after.map((s) => [s.answer!.similarTickets, s.answer!.replies])).toEqual(before.map((s) => [s.answer!.similarTickets, s.answer!.replies]));
    expect(after[0]!.answer!.ticketId).not.toBe(pairing.id); // the latest of the two tickets represents them
  });
});
