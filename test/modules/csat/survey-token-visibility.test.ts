import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.ts';
import { inquiry } from '../../support/factories.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';

/**
 * The survey link is the customer's key. Agents (whose work is being rated) see a survey's status,
 * rating and comment but never the link; only what delivers surveys (`surveys:deliver`, admin)
 * does. And an answer that comes with a helpdesk session or an API key is not a customer's.
 */
const clock = createFixedClock('2026-04-01T08:00:00.000Z');
let h: Harness;
let ticketId: string;
let token: string;
let agentCookie: string;

async function keyWith(scopes: string[]) {
  const res = await h.http.post('/v1/api-keys').set(h.auth).send({ name: 'survey probe', scopes });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.secret as string}` };
}

beforeAll(async () => {
  h = await createHarness({ clock });
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry())).body;
  ticketId = ticket.id;
  await h.http.post(`/v1/tickets/${ticketId}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
  clock.set('2026-04-01T09:00:00.000Z');
  await h.http.patch(`/v1/tickets/${ticketId}`).set(h.auth).send({ status: 'solved' }).expect(200);
  await h.drainEvents(); // the survey follows the ticket through the event relay
  clock.set('2026-04-01T10:00:00.000Z');
  for (const due of await h.container.csat.dueSurveys(clock.now())) await h.container.csat.issue(due.id);
  token = (await h.http.get(`/v1/tickets/${ticketId}/survey`).set(h.auth)).body.token;
  expect(token).toEqual(expect.any(String));

  const email = `rated-${randomBytes(4).toString('hex')}@example.com`;
  await h.http.post('/v1/agents').set(h.auth).send({ name: 'Rated agent', email, role: 'agent', password: 'correct horse battery' }).expect(201);
  const signIn = await h.http.post('/v1/sessions').send({ email, password: 'correct horse battery' });
  agentCookie = (signIn.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
});
afterAll(() => h.close());

describe('who sees the survey link', () => {
  it('an agent signed in to the helpdesk sees status and rating, not the token or the link', async () => {
    const res = await h.http.get(`/v1/tickets/${ticketId}/survey`).set('cookie', agentCookie);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'sent', rating: null, token: null, url: null });
    expect(JSON.stringify(res.body)).not.toContain(token);
  });

  it('nor in the ticket timeline, where csat.requested keeps everything else', async () => {
    const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set('cookie', agentCookie)).body.data as { type: string; data: Record<string, unknown> }[];
    const requested = events.find((e) => e.type === 'csat.requested');
    expect(requested?.data).toMatchObject({ surveyId: expect.any(String), channel: 'weibo' });
    expect(requested?.data).not.toHaveProperty('token');
    expect(requested?.data).not.toHaveProperty('url');
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('a tickets:read key does not see it either; a surveys:deliver key (the connector) does', async () => {
    const reader = await keyWith(['tickets:read']);
    expect((await h.http.get(`/v1/tickets/${ticketId}/survey`).set(reader)).body).toMatchObject({ token: null, url: null });
    const connector = await keyWith(['tickets:read', 'surveys:deliver']);
    const seen = (await h.http.get(`/v1/tickets/${ticketId}/survey`).set(connector)).body;
    expect(seen).toMatchObject({ token, url: expect.stringContaining(`/survey/${token}`) });
    const events = (await h.http.get(`/v1/tickets/${ticketId}/events`).set(connector)).body.data as { type: string; data: Record<string, unknown> }[];
    expect(events.find((e) => e.type === 'csat.requested')?.data).toMatchObject({ token, url: seen.url });
  });
});

describe('who may answer', () => {
  it('refuses an answer sent with a helpdesk session or an API key (403 surveys.not_from_customer)', async () => {
    const withCookie = await h.http.post(`/v1/surveys/${token}`).set('cookie', agentCookie).send({ rating: 5 });
    expect(withCookie.status).toBe(403);
    expect(withCookie.headers['content-type']).toContain('application/problem+json');
    expect(withCookie.body.code).toBe('surveys.not_from_customer');
    const withKey = await h.http.post(`/v1/surveys/${token}`).set(h.auth).send({ rating: 5 });
    expect(withKey.status).toBe(403);
    expect(withKey.body.code).toBe('surveys.not_from_customer');
    const page = await h.http.post(`/survey/${token}`).set('cookie', agentCookie).type('form').send('rating=5');
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await h.http.get(`/v1/tickets/${ticketId}/survey`).set(h.auth)).body.rating).toBeNull();
  });

  it('still takes the customer\'s own answer, with no credentials', async () => {
    const res = await h.http.post(`/v1/surveys/${token}`).set('cookie', 'theme=dark').send({ rating: 4 });
    expect(res.status).toBe(200);
    expect((await h.http.get(`/v1/tickets/${ticketId}/survey`).set('cookie', agentCookie)).body).toMatchObject({ status: 'answered', rating: 4, token: null });
  });
});
