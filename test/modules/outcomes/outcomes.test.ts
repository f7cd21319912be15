import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { looksPersonal } from '../../../src/modules/outcomes/outcomes.service.ts';

/** Published outcomes (反馈结果公示): a note on a suggestion or complaint, public without personal data. */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // Surveys go out at once, so the page can be opened here.
  const { updatedAt: _u, version, ...settings } = (await h.http.get('/v1/settings/csat').set(h.auth).expect(200)).body;
  await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', String(version)).send({ ...settings, delay: 'PT0S', samplingRate: 1 }).expect(200);
});
afterAll(() => h.close());

async function ticketOf(type: string, body = '建议电饭煲 R2 增加预约功能') {
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry({ body, customer: { externalId: `u-${Math.random()}`, name: '王小明' } })).expect(201)).body;
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ type }).expect(200);
  return ticket as { id: string };
}

describe('published outcomes', () => {
  it('publishes a note on a suggestion: the public feed shows only the note, type, topic, tags and day', async () => {
    const ticket = await ticketOf('suggestion');
    const published = await h.http.put(`/v1/tickets/${ticket.id}/outcome`).set(h.auth).send({ note: '电饭煲 R2 新固件已支持预约煮饭', topic: '电饭煲 R2', tags: ['固件'] });
    expect(published.status, published.text).toBe(201);
    const again = await h.http.put(`/v1/tickets/${ticket.id}/outcome`).set(h.auth).send({ note: '电饭煲 R2 固件 2.1 已支持预约煮饭', topic: '电饭煲 R2', tags: ['固件'] });
    expect(again.status).toBe(200);
    expect(again.body.publishedAt).toBe(published.body.publishedAt);

    const feed = await h.http.get('/v1/public/outcomes?type=suggestion');
    expect(feed.status).toBe(200);
    expect(feed.headers['cache-control']).toBe('public, max-age=60');
    expect(feed.body.data[0]).toEqual({ id: published.body.id, type: 'suggestion', note: '电饭煲 R2 固件 2.1 已支持预约煮饭', topic: '电饭煲 R2', tags: ['固件'], date: published.body.publishedAt.slice(0, 10) });
    expect(JSON.stringify(feed.body)).not.toContain(ticket.id);
    expect(JSON.stringify(feed.body)).not.toContain('王小明');
    expect((await h.http.get('/v1/public/outcomes?tag=固件')).body.data).toHaveLength(1);
    expect((await h.http.get('/v1/public/outcomes?type=complaint')).body.data).toHaveLength(0);

    const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data.map((e: { type: string }) => e.type);
    expect(events.filter((t: string) => t === 'outcome.published')).toHaveLength(2);

    await h.http.delete(`/v1/tickets/${ticket.id}/outcome`).set(h.auth).expect(204);
    expect((await h.http.get('/v1/public/outcomes?type=suggestion')).body.data).toHaveLength(0);
    expect((await h.http.get(`/v1/tickets/${ticket.id}/outcome`).set(h.auth)).status).toBe(404);
  });

  it('refuses personal data and tickets that are not feedback', async () => {
    const ticket = await ticketOf('complaint', '快递太慢了');
    for (const note of ['已联系王小明并补偿', '请拨打 138 0013 8000', '详见 https://example.com/x', '已回复 wang@example.cn']) {
      const res = await h.http.put(`/v1/tickets/${ticket.id}/outcome`).set(h.auth).send({ note });
      expect(res.status, note).toBe(422);
      expect(res.body.code).toBe('outcomes.personal_data');
    }
    expect(looksPersonal('热线 12315 与型号 K1 可以公开', '王小明')).toBe(false);
    const question = await ticketOf('question', '请问怎么开发票');
    expect((await h.http.put(`/v1/tickets/${question.id}/outcome`).set(h.auth).send({ note: '已更新说明' })).body.code).toBe('outcomes.wrong_type');
  });

  it('the survey page shows outcomes of the same type, about the same subject first, escaped', async () => {
    const complaint = await ticketOf('complaint', '配送太慢了');
    await h.http.put(`/v1/tickets/${complaint.id}/outcome`).set(h.auth).send({ note: '华东仓已增加 <b>两班</b> 配送', topic: '配送', tags: ['delivery'] }).expect(201);
    const later = await ticketOf('complaint', '售后电话打不通');
    await h.http.put(`/v1/tickets/${later.id}/outcome`).set(h.auth).send({ note: '售后热线已增加坐席', topic: '售后' }).expect(201);
    const surveyed = await ticketOf('complaint', '配送又晚了');
    await h.http.patch(`/v1/tickets/${surveyed.id}`).set(h.auth).send({ tags: ['delivery'] }).expect(200);
    await h.http.post(`/v1/tickets/${surveyed.id}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
    await h.http.patch(`/v1/tickets/${surveyed.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
    await h.drainEvents();
    for (const due of await h.container.csat.dueSurveys(new Date())) await h.container.csat.issue(due.id);
    const { token } = (await h.http.get(`/v1/tickets/${surveyed.id}/survey`).set(h.auth).expect(200)).body;
    const page = await h.http.get(`/survey/${token}`).set('accept-language', 'zh-CN');
    expect(page.status).toBe(200);
    expect(page.text).toContain('您的反馈让我们做出了这些改变');
    expect(page.text).toContain('<strong>配送</strong>: 华东仓已增加 &lt;b&gt;两班&lt;/b&gt; 配送');
    // The newer outcome is about something else: the one about this ticket's subject comes first.
    expect(page.text.indexOf('华东仓')).toBeLessThan(page.text.indexOf('售后热线'));
  });
});
