import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import type { HotspotReport } from '../../../src/modules/topics/hotspots.schemas.ts';

/** Topics are derived from committed messages by the relay, follow agents' corrections of the type, and feed hotspots. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const topicsOf = async (ticketId: string) =>
  (await h.container.db.pool.query<{ topic: string; label: string; type: string | null; received_at: Date }>('SELECT topic, label, type, received_at FROM ticket_topics WHERE ticket_id = $1 ORDER BY topic', [ticketId])).rows;

describe('ticket topics', () => {
  it('are written by the relay from customers\' messages, labelled as written, keyed simplified', async () => {
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ threadId: 'th-1', body: '華為手機螢幕壞了，要求退款', receivedAt: '2026-05-01T08:00:00Z' })).expect(201)).body;
    expect(await topicsOf(ticket.id)).toEqual([]); // not in the intake transaction
    await h.drainEvents();
    const topics = await topicsOf(ticket.id);
    expect(topics.find((t) => t.topic === '华为手机萤幕')).toMatchObject({ label: '華為手機螢幕', received_at: new Date('2026-05-01T08:00:00Z') });
    const { rows } = await h.container.db.pool.query('SELECT channel, negative, received_at FROM message_signals WHERE ticket_id = $1', [ticket.id]);
    expect(rows).toEqual([{ channel: 'weibo', negative: true, received_at: new Date('2026-05-01T08:00:00Z') }]);
  });

  it('count a ticket once per topic, dated by its first mention; an agent\'s change of type moves them', async () => {
    const first = inquiry({ threadId: 'th-2', body: '空气炸锅坏了', receivedAt: '2026-05-02T08:00:00Z' });
    const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(first).expect(201)).body;
    await h.http.post('/v1/inquiries').set(h.auth).send({ ...first, externalId: `${first.externalId}-2`, body: '空气炸锅还是坏的，遥控器也丢了', receivedAt: '2026-05-02T09:00:00Z' }).expect(200);
    await h.drainEvents();
    const topics = await topicsOf(ticket.id);
    expect(topics.filter((t) => t.topic === '空气炸锅').map((t) => t.received_at)).toEqual([new Date('2026-05-02T08:00:00Z')]);
    expect(topics.find((t) => t.topic === '遥控器')?.received_at).toEqual(new Date('2026-05-02T09:00:00Z'));

    const type = ticket.type === 'complaint' ? 'suggestion' : 'complaint';
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type }).expect(200);
    await h.drainEvents();
    expect(new Set((await topicsOf(ticket.id)).map((t) => t.type))).toEqual(new Set([type]));
  });
});

describe('hotspots', () => {
  it('rank topics by volume and by growth against the previous period, per type, complaints first', async () => {
    const post = async (body: string, receivedAt: string) => (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, receivedAt })).expect(201)).body.ticket as { id: string; type: string };
    // Previous week: 退款 is common. This week: 退款 as common, 扫地机器人 new and rising.
    for (let i = 0; i < 6; i++) await post('退款申请一周了还没到账，太慢了，我要投诉', `2026-04-2${i}T10:00:00Z`);
    for (let i = 0; i < 6; i++) await post('退款申请一周了还没到账，太慢了，我要投诉', `2026-04-2${7 + (i % 3)}T10:00:00Z`);
    const rising: string[] = [];
    for (let i = 0; i < 4; i++) rising.push((await post('扫地机器人坏了，太差了，要求退货', `2026-04-2${7 + (i % 3)}T11:00:00Z`)).id);
    await post('请问扫地机器人怎么连接手机？', '2026-04-28T12:00:00Z');
    await h.drainEvents();

    const res = await h.http.get('/v1/reports/hotspots').query({ from: '2026-04-27T00:00:00Z', to: '2026-04-30T00:00:00Z', timeZone: 'Asia/Shanghai' }).set(h.auth).expect(200);
    const report = res.body as HotspotReport;
    expect(report).toMatchObject({ previousFrom: '2026-04-24T00:00:00.000Z', timeZone: 'Asia/Shanghai' });
    expect(report.groups.map((g) => g.type)).toEqual(['complaint', 'question', 'suggestion']);
    const complaints = report.groups[0]!;
    const robot = complaints.byGrowth[0]!;
    expect(robot).toMatchObject({ key: '扫地机器人', tickets: 4, previousTickets: 0, growth: null, negativeShare: 1 });
    expect(new Set(robot.sampleTicketIds)).toEqual(new Set(rising));
    expect(complaints.byVolume[0]).toMatchObject({ key: '退款', tickets: 6, previousTickets: 2, growth: 3 });
    expect(complaints.byGrowth.every((t) => t.tickets > t.previousTickets)).toBe(true);

    const questions = await h.http.get('/v1/reports/hotspots').query({ from: '2026-04-27T00:00:00Z', to: '2026-04-30T00:00:00Z', type: 'question' }).set(h.auth).expect(200);
    expect(questions.body.groups.map((g: { type: string }) => g.type)).toEqual(['question']);
  });

  it('refuse an empty period and an unknown time zone, naming the parameter', async () => {
    const empty = await h.http.get('/v1/reports/hotspots').query({ from: '2026-04-30T00:00:00Z', to: '2026-04-30T00:00:00Z' }).set(h.auth).expect(400);
    expect(empty.body.errors).toEqual([{ path: 'querystring.from', message: 'must be before to' }]);
    const zone = await h.http.get('/v1/reports/hotspots').query({ timeZone: 'Mars/Olympus' }).set(h.auth).expect(400);
    expect(zone.body.errors[0].path).toBe('querystring.timeZone');
  });
});
