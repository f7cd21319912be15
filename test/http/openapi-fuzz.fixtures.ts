import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Harness } from '../support/harness.ts';
import { inquiry } from '../support/factories.ts';
import { insertAlert } from '../support/alerts.ts';

/** Real resources of every kind, so generated path params and references hit rows that exist. */
export interface Fixtures {
  teamIds: string[];
  agentIds: string[];
  customerIds: string[];
  ticketIds: string[];
  policyIds: string[];
  calendarIds: string[];
  apiKeyIds: string[];
  surveyTokens: string[];
  reasonOptions: string[];
  webhookIds: string[];
  /** Deliveries (pings) of the first webhook. */
  webhookDeliveryIds: string[];
  alertIds: string[];
  routingRuleIds: string[];
  macroIds: string[];
  /** A suggestion and a complaint: tickets that can publish an outcome. */
  feedbackTicketIds: string[];
  /** Made to be deleted: one DELETE run each. */
  spare: { apiKeyIds: string[]; policyIds: string[]; calendarIds: string[]; webhookIds: string[]; routingRuleIds: string[]; macroIds: string[]; customerIds: string[] };
}

const unique = () => randomBytes(4).toString('hex');

async function created(h: Harness, url: string, body: unknown): Promise<{ id: string } & Record<string, unknown>> {
  const res = await h.http.post(url).set(h.auth).send(body as object);
  expect(res.status, `${url}: ${res.text}`).toBeLessThan(300);
  return res.body as { id: string };
}

const calendarBody = () => ({ name: `Office ${unique()}`, timezone: 'Asia/Shanghai', weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '12:00'], ['13:00', '18:00']] } });
const policyBody = (position: number) => ({ name: `Policy ${unique()}`, position, targets: [{ metric: 'first_response', within: 'PT4H' }] });
const routingRuleBody = (position: number) => ({ name: `Rule ${unique()}`, position, conditions: { channels: ['other'] }, actions: [{ type: 'add_tags', tags: ['fuzz'] }] });
const keyBody = () => ({ name: `key ${unique()}`, scopes: ['tickets:read'] });
// A public address: registration refuses private ones, and no worker runs here to send anything.
const macroBody = () => ({ name: `Macro ${unique()}`, reply: { 'zh-Hans': '您好 {{customer.name}}，已处理', en: 'Hi {{customer.name}}, done' }, addTags: ['fuzz'] });
const webhookBody = () => ({ url: `https://93.184.215.14/hooks/${unique()}`, events: ['*'] });

export async function createFixtures(h: Harness, spares: number): Promise<Fixtures> {
  const team = await created(h, '/v1/teams', { name: `Team ${unique()}` });
  const agent = await created(h, '/v1/agents', { name: 'Agent Li', email: `li.${unique()}@example.com`, password: 'correct horse battery', teamId: team.id });
  const customer = await created(h, '/v1/customers', { name: '王小明', email: `wang.${unique()}@example.cn`, phone: `+86 138 ${Math.floor(1000 + Math.random() * 8999)} 0000` });
  const calendar = await created(h, '/v1/business-calendars', calendarBody());
  const policy = await created(h, '/v1/sla-policies', { ...policyBody(900_000), targets: [{ metric: 'resolution', within: 'P2D', businessHours: true, calendarId: calendar.id }] });
  const key = (await created(h, '/v1/api-keys', keyBody())) as unknown as { apiKey: { id: string } };
  const { ticket } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body as { ticket: { id: string } };

  // A survey that has been sent: a solved ticket whose survey the worker has issued (at once).
  const { updatedAt: _u, version, ...settings } = (await h.http.get('/v1/settings/csat').set(h.auth).expect(200)).body as Record<string, unknown>;
  await h.http.put('/v1/settings/csat').set(h.auth).set('if-match', String(version)).send({ ...settings, delay: 'PT0S' }).expect(200);
  const { ticket: surveyed } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body as { ticket: { id: string } };
  await h.http.post(`/v1/tickets/${surveyed.id}/messages`).set(h.auth).send({ author: 'agent', body: '已处理' }).expect(201);
  await h.http.patch(`/v1/tickets/${surveyed.id}`).set(h.auth).send({ status: 'solved' }).expect(200);
  await h.drainEvents(); // the survey is decided through the event relay
  const csat = h.container.csat;
  for (const due of await csat.dueSurveys(new Date())) await csat.issue(due.id);
  const survey = (await h.http.get(`/v1/tickets/${surveyed.id}/survey`).set(h.auth).expect(200)).body as { token: string };
  expect(survey.token).toBeTruthy();
  const reasonOptions = ((await h.http.get(`/v1/surveys/${survey.token}`).expect(200)).body as { reasonOptions: string[] }).reasonOptions;

  const webhook = await created(h, '/v1/webhooks', webhookBody());
  const ping = (await h.http.post(`/v1/webhooks/${webhook.id}/ping`).set(h.auth).expect(202)).body as { id: string };

  const routingRule = await created(h, '/v1/routing-rules', routingRuleBody(900_000));
  const macro = await created(h, '/v1/macros', macroBody());
  const feedbackTicketIds: string[] = [];
  for (const type of ['suggestion', 'complaint']) {
    const { ticket: feedback } = (await h.http.post('/v1/inquiries').set(h.auth).send(inquiry()).expect(201)).body as { ticket: { id: string } };
    await h.http.patch(`/v1/tickets/${feedback.id}`).set(h.auth).send({ type }).expect(200);
    feedbackTicketIds.push(feedback.id);
  }

  const spare = { apiKeyIds: [] as string[], policyIds: [] as string[], calendarIds: [] as string[], webhookIds: [] as string[], routingRuleIds: [] as string[], macroIds: [] as string[], customerIds: [] as string[] };
  for (let i = 0; i < spares; i++) {
    spare.macroIds.push((await created(h, '/v1/macros', macroBody())).id);
    spare.webhookIds.push((await created(h, '/v1/webhooks', webhookBody())).id);
    spare.apiKeyIds.push(((await created(h, '/v1/api-keys', keyBody())) as unknown as { apiKey: { id: string } }).apiKey.id);
    spare.policyIds.push((await created(h, '/v1/sla-policies', policyBody(800_000 + i))).id);
    spare.calendarIds.push((await created(h, '/v1/business-calendars', calendarBody())).id);
    spare.routingRuleIds.push((await created(h, '/v1/routing-rules', routingRuleBody(800_000 + i))).id);
    spare.customerIds.push((await created(h, '/v1/customers', { name: `Spare ${unique()}`, email: `spare.${unique()}@example.cn` })).id);
  }
  return {
    teamIds: [team.id],
    agentIds: [agent.id],
    customerIds: [customer.id],
    ticketIds: [ticket.id, surveyed.id],
    policyIds: [policy.id],
    calendarIds: [calendar.id],
    apiKeyIds: [key.apiKey.id],
    surveyTokens: [survey.token],
    reasonOptions,
    webhookIds: [webhook.id],
    webhookDeliveryIds: [ping.id],
    alertIds: [await insertAlert(h), await insertAlert(h, { level: 'I', subject: 'Acme X200' })],
    routingRuleIds: [routingRule.id],
    macroIds: [macro.id],
    feedbackTicketIds,
    spare,
  };
}
