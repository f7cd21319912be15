import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';

/** Surveys with the clock in the test's hands; the worker's job is called directly. */
const clock = createFixedClock('2026-04-01T08:00:00.000Z');
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ clock });
});
afterAll(() => h.close());

async function solvedTicket(body = inquiry()) {
  clock.set('2026-04-01T08:00:00.000Z');
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(body)).body;
  await h.http.post(`/v1/tickets/${ticket.id}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
  clock.set('2026-04-01T09:00:00.000Z');
  await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
  await h.drainEvents(); // the survey follows the ticket through the event relay
  return ticket as { id: string; number: number };
}

async function sendDue() {
  for (const due of await h.container.csat.dueSurveys(clock.now())) await h.container.csat.issue(due.id);
}

describe('satisfaction surveys', () => {
  it('has sensible default settings, replaced with If-Match', async () => {
    const current = await h.http.get('/v1/settings/csat').set(h.auth);
    expect(current.body).toMatchObject({ enabled: true, delay: 'PT1H', expiresAfter: 'P28D', scale: 5, version: 0 });
    const { updatedAt: _u, version: _v, ...body } = current.body;
    const saved = await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', '"0"').send({ ...body, onNegative: 'flag' });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', '"0"').send(body)).status).toBe(412);
    expect((await h.http.put('/v1/settings/csat').set(h.auth).send({ ...body, samplingRate: 2 })).status).toBe(400);
  });

  it('is scheduled on solve, sent after the delay, answered without a key, and counted', async () => {
    const ticket = await solvedTicket();
    const scheduled = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(scheduled).toMatchObject({ status: 'scheduled', sendAt: '2026-04-01T10:00:00.000Z', rating: null });
    clock.set('2026-04-01T09:59:59.000Z');
    await sendDue();
    expect((await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body.status).toBe('scheduled');
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    await sendDue(); // a second run sends nothing twice
    const sent = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(sent).toMatchObject({ status: 'sent', expiresAt: '2026-04-29T10:00:00.000Z' });
    expect(sent.url).toContain(`/survey/${sent.token}`);
    const events = (await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string; data: { url?: string } }[];
    const requested = events.filter((e) => e.type === 'csat.requested');
    expect(requested).toHaveLength(1);
    expect(requested[0]!.data.url).toBe(sent.url);

    const publicView = await h.http.get(`/v1/surveys/${sent.token}`);
    expect(publicView.status).toBe(200);
    expect(Object.keys(publicView.body).sort()).toEqual(['comment', 'expiresAt', 'language', 'rating', 'reasonOptions', 'reasons', 'scale', 'status', 'ticketNumber']);
    expect(publicView.body).toMatchObject({ status: 'sent', ticketNumber: ticket.number, language: 'zh-Hans' });

    const answer = await h.http.post(`/v1/surveys/${sent.token}`).send({ rating: 5, comment: '很快就解决了', reasons: ['回复速度'] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'answered', rating: 5, comment: '很快就解决了', reasons: ['回复速度'] });
    const stored = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(stored).toMatchObject({ status: 'answered', rating: 5, comment: '很快就解决了' });
    const types = ((await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string }[]).map((e) => e.type);
    expect(types).toContain('csat.received');
    expect(types).not.toContain('csat.negative');

    await h.drainEvents(); // reports answer from the facts the relay keeps
    const report = (await h.http.get('/v1/reports/csat?from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z&groupBy=type').set(h.auth)).body;
    expect(report.total).toMatchObject({ answered: 1, csatScore: 1, average: 5 });
    expect(report.groups).toEqual([expect.objectContaining({ group: 'complaint', answered: 1 })]);
    expect(report.trend).toEqual([expect.objectContaining({ period: '2026-04-01', answered: 1 })]);
  });

  it('re-rating updates the answer and keeps the history; a low rating is flagged for follow-up', async () => {
    const ticket = await solvedTicket();
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 4 }).expect(200);
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 1, comment: '其实没解决' }).expect(200);
    const survey = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(survey.rating).toBe(1);
    expect(survey.history.map((r: { rating: number }) => r.rating)).toEqual([4, 1]);
    const after = (await h.http.get(`/v1/tickets/${ticket.id}`).set(h.auth)).body;
    expect(after.tags).toContain('csat-follow-up');
    const types = ((await h.http.get(`/v1/tickets/${ticket.id}/events`).set(h.auth)).body.data as { type: string }[]).map((e) => e.type);
    expect(types.filter((t) => t === 'csat.negative')).toHaveLength(1);
    const comments = (await h.http.get('/v1/reports/csat/comments?maxRating=2&from=2026-04-01T00:00:00Z&to=2026-04-02T00:00:00Z').set(h.auth)).body.data;
    expect(comments).toEqual([expect.objectContaining({ ticketId: ticket.id, rating: 1, comment: '其实没解决' })]);
  });

  it('refuses expired, reused-after-expiry, forged and unknown tokens', async () => {
    const ticket = await solvedTicket();
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    await h.http.post(`/v1/surveys/${token}`).send({ rating: 3 }).expect(200);
    clock.set('2026-04-29T10:00:01.000Z');
    const expired = await h.http.post(`/v1/surveys/${token}`).send({ rating: 5 });
    expect(expired.status).toBe(410);
    expect(expired.headers['content-type']).toContain('application/problem+json');
    expect((await h.http.get(`/v1/surveys/${token}`)).status).toBe(410);
    const page = await h.http.get(`/survey/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('评价链接已失效');

    const [id] = token.split('.');
    const forged = `${id}.${'A'.repeat(43)}`;
    expect((await h.http.get(`/v1/surveys/${forged}`)).status).toBe(404);
    expect((await h.http.get('/v1/surveys/srv_0000000000.abcdefghijklmnop')).status).toBe(404);
    expect((await h.http.post(`/v1/surveys/${forged}`).send({ rating: 5 })).status).toBe(404);
    expect((await h.http.get(`/survey/${forged}`)).status).toBe(404);
  });

  it('is withdrawn when the ticket reopens before it is sent, and skipped for "no survey" tickets', async () => {
    const ticket = await solvedTicket();
    clock.set('2026-04-01T09:30:00.000Z');
    await h.http.patch(`/v1/tickets/${ticket.id}`).set(h.auth).send({ status: 'open' }).expect(200);
    await h.drainEvents(); // the survey follows the ticket through the event relay
    expect((await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body.status).toBe('cancelled');

    clock.set('2026-04-01T08:00:00.000Z');
    const { ticket: other } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
    await h.http.patch(`/v1/tickets/${other.id}`).set(h.auth).send({ noSurvey: true, status: 'solved' }).expect(200);
    await h.drainEvents(); // the survey follows the ticket through the event relay
    expect((await h.http.get(`/v1/tickets/${other.id}/survey`).set(h.auth)).status).toBe(404);
  });

  it('serves the page in the customer\'s language, without JavaScript, and takes the form post', async () => {
    const ticket = await solvedTicket(inquiry({ channel: 'email', body: 'My order arrived damaged and nobody replied to my emails.' }));
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    const page = await h.http.get(`/survey/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('How did we do?');
    // A plain form that works without JavaScript; the only script is inline, allowed by nonce.
    expect(page.text).toContain(`<form method="post" action="/survey/${token}">`);
    expect(page.text).not.toMatch(/<script[^>]*src=/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
    const thanks = await h.http.post(`/survey/${token}`).type('form').send('rating=4&comment=%3Cb%3Eok%3C%2Fb%3E&reasons=Speed+of+reply');
    expect(thanks.status).toBe(200);
    expect(thanks.text).toContain('Thank you for your rating!');
    const survey = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    expect(survey).toMatchObject({ rating: 4, comment: '<b>ok</b>', reasons: ['Speed of reply'] });
    expect((await h.http.get(`/survey/${token}`)).text).toContain('&lt;b&gt;ok&lt;/b&gt;');
  });
});

/** Last in the file: these answers would change the counts the reports above assert. */
describe('survey input', () => {
  it('takes only the reasons the survey offers (in any of its languages), with the path of another', async () => {
    const ticket = await solvedTicket();
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    const made_up = await h.http.post(`/v1/surveys/${token}`).send({ rating: 2, reasons: ['回复速度', 'your CEO is a fraud'] });
    expect(made_up.status).toBe(422);
    expect(made_up.headers['content-type']).toContain('application/problem+json');
    expect(made_up.body.errors).toEqual([{ path: 'body.reasons.1', message: 'not one of the offered reasons' }]);
    expect((await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body.rating).toBeNull();
    const english = await h.http.post(`/v1/surveys/${token}`).send({ rating: 4, reasons: ['Speed of reply'] });
    expect(english.status).toBe(200);
  });

  it('takes a rating only as the number the document says (true was read as a 1-star answer)', async () => {
    const ticket = await solvedTicket();
    clock.set('2026-04-01T10:00:00.000Z');
    await sendDue();
    const { token } = (await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body;
    for (const rating of [true, '5', [], '', null]) {
      const res = await h.http.post(`/v1/surveys/${token}`).send({ rating });
      expect(res.status, JSON.stringify(rating)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.rating']);
    }
    expect((await h.http.get(`/v1/tickets/${ticket.id}/survey`).set(h.auth)).body).toMatchObject({ status: 'sent', rating: null });
    expect((await h.http.post(`/v1/surveys/${token}`).send({ rating: 5 })).status).toBe(200);
  });

  it('refuses reason options Postgres could not store, with the path', async () => {
    const { updatedAt: _u, version: _v, ...body } = (await h.http.get('/v1/settings/csat').set(h.auth)).body;
    const res = await h.http.put('/v1/settings/csat').set(h.auth).send({ ...body, reasons: { ...body.reasons, en: ['ok\u0000'] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.reasons.en.0' }));
  });
});
